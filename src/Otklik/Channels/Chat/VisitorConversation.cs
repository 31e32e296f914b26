using Microsoft.EntityFrameworkCore;
using Otklik.Data;
using Otklik.Domain;
using Otklik.Features.Tickets;
using Otklik.Infrastructure;

namespace Otklik.Channels.Chat;

/// <summary>
/// A visitor's side of the chat: their messages become customer messages on one Chat ticket
/// (the first one opens it), and the widget's message id makes every retry land once.
/// Sends go through <see cref="VisitorMessages"/>: many visitors' messages share a transaction, and one
/// visitor's messages are stored one after another, so two tabs flushing their queues never open two tickets.
/// </summary>
public sealed class VisitorConversation(OtklikDb db, TimeProvider clock, VisitorMessages queue)
{
    public const int MaxText = 10_000;

    /// <summary>The public messages of the visitor's open conversation, oldest first (internal notes never leave the workspace).</summary>
    public async Task<List<WidgetMessage>> HistoryAsync(long visitorId, CancellationToken ct)
    {
        var ticketId = await db.ChatVisitors.Where(v => v.Id == visitorId).Select(v => v.TicketId).FirstOrDefaultAsync(ct);
        if (ticketId is null) return [];
        var messages = await db.Messages.Include(m => m.AuthorAgent).Include(m => m.Attachments)
            .Where(m => m.TicketId == ticketId && m.Kind != MessageKind.Note).OrderBy(m => m.Id).Take(500).ToListAsync(ct);
        var ids = messages.Select(m => m.Id).ToList();
        var clientIds = await db.ChatMessageRefs.Where(r => r.VisitorId == visitorId && ids.Contains(r.MessageId))
            .ToDictionaryAsync(r => r.MessageId, r => r.ClientId, ct);
        return messages.Select(m => WidgetMessage.Of(m, clientIds.GetValueOrDefault(m.Id))).ToList();
    }

    public async Task<Result<WidgetMessage>> SendAsync(long visitorId, string? clientId, string? text, IReadOnlyList<Attachment>? files, CancellationToken ct)
    {
        text = text?.Trim() ?? "";
        var v = new Validation();
        if (string.IsNullOrWhiteSpace(clientId) || clientId.Length > 64) v.Add("clientId", "A message id of 1–64 characters is required.");
        if (text.Length == 0 && (files is null || files.Count == 0)) v.Add("text", Validation.Say("Write a message.", "Напишите сообщение."));
        if (text.Length > MaxText) v.Add("text", Validation.Say($"At most {MaxText} characters.", $"Не больше {MaxText} символов."));
        if (!v.IsValid) return v.ToError();

        return await queue.SubmitAsync(new VisitorSend(visitorId, clientId!, text, files ?? []));
    }

    /// <summary>
    /// The message added to a group's context, not saved. No look-up for a resend first: the (visitor, client id) key
    /// refuses it at the save, and the group is then stored one message at a time (<see cref="StoreAloneAsync"/>).
    /// </summary>
    internal async Task<Func<WidgetMessage>> StageAsync(VisitorSend send, CancellationToken ct)
    {
        var message = await AddAsync(send.VisitorId, send.ClientId, send.Text, send.Files, ct);
        return () => WidgetMessage.Of(message, send.ClientId);
    }

    internal Task<WidgetMessage> StoreAloneAsync(VisitorSend send, CancellationToken ct) =>
        VersionConflicts.RetryAsync(db, () => StoreOnceAsync(send, ct), ct, () => Forget(send.Files));

    private async Task<WidgetMessage> StoreOnceAsync(VisitorSend send, CancellationToken ct)
    {
        if (await StoredAsync(send.VisitorId, send.ClientId, ct) is { } earlier) return earlier;
        try
        {
            var message = await AddAsync(send.VisitorId, send.ClientId, send.Text, send.Files, ct);
            await db.SaveChangesAsync(ct);
            return WidgetMessage.Of(message, send.ClientId);
        }
        catch (DbUpdateException ex) when (ex is not DbUpdateConcurrencyException)
        {
            // Another node stored the same message id first: answer with its copy.
            db.ChangeTracker.Clear();
            return await StoredAsync(send.VisitorId, send.ClientId, ct) ?? throw new InvalidOperationException("Chat message save failed without a stored copy.");
        }
    }

    /// <summary>A failed save may have numbered the uploaded files; stored again they are new rows.</summary>
    internal static void Forget(IReadOnlyList<Attachment> files)
    {
        foreach (var file in files) (file.Id, file.MessageId) = (0, null);
    }

    private async Task<WidgetMessage?> StoredAsync(long visitorId, string clientId, CancellationToken ct)
    {
        var messageId = await db.ChatMessageRefs.Where(r => r.VisitorId == visitorId && r.ClientId == clientId)
            .Select(r => (long?)r.MessageId).FirstOrDefaultAsync(ct);
        var message = messageId is null ? null : await db.Messages.Include(m => m.Attachments).FirstOrDefaultAsync(m => m.Id == messageId, ct);
        return message is null ? null : WidgetMessage.Of(message, clientId);
    }

    private async Task<Message> AddAsync(long visitorId, string clientId, string text, IReadOnlyList<Attachment> files, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var visitor = await db.ChatVisitors.AsTracking().Include(x => x.Customer).FirstAsync(x => x.Id == visitorId, ct);
        var customer = visitor.Customer!;
        if (customer.MergedIntoId is { } survivor)
        {
            customer = await db.Customers.AsTracking().FirstAsync(c => c.Id == survivor, ct);
            visitor.CustomerId = customer.Id;
        }
        var ticket = visitor.TicketId is { } open ? await Email.EmailThreading.FollowMergesAsync(db, open, ct) : null;
        var body = text.Length > 0 ? text : string.Join(", ", files.Select(f => f.FileName));
        Ticket target;
        Message message;
        if (ticket is null)
        {
            var inbox = await db.Inboxes.FirstAsync(i => i.Id == visitor.InboxId, ct);
            target = Ticket.Open(Subject(body), customer, ChannelKind.Chat, inbox.Id, Actor.OfCustomer(customer.Id), now);
            if (inbox.DefaultTeamId is { } team) target.TeamId = team;
            message = target.AddMessage(MessageKind.Inbound, Actor.OfCustomer(customer.Id), body, null, now);
            message.AuthorCustomer = customer;
            db.Tickets.Add(target);
        }
        else
        {
            (target, message) = CustomerReplies.Receive(db, ticket, customer, body, null, now);
        }
        message.ExternalId = "chat:" + clientId;
        message.Attachments.AddRange(files);
        visitor.Ticket = target;
        visitor.LastSeenAt = now;
        db.ChatMessageRefs.Add(new ChatMessageRef { VisitorId = visitorId, ClientId = clientId, Message = message });
        return message;
    }

    /// <summary>The first words of the first message, as the ticket's subject.</summary>
    public static string Subject(string text)
    {
        var line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "Chat";
        return line.Length <= 80 ? line : line[..77].TrimEnd() + "…";
    }
}
