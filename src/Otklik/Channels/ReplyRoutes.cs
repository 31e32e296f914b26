using Microsoft.EntityFrameworkCore;
using Otklik.Data;
using Otklik.Domain;

namespace Otklik.Channels;

public enum ReplyWay { Email, Chat, Integration, None }

/// <summary>
/// How an agent's public reply on a ticket reaches the customer. To and From are the addresses of
/// an emailed reply (for a chat, of the follow-up by email after the visitor left); Problem says
/// why there is no way (<see cref="NoCustomerEmail"/>, <see cref="NoMailbox"/>).
/// </summary>
public sealed record ReplyRoute(ReplyWay Way, string? To, bool ToVerified, string? From, bool ThroughReplyMailbox, string? Problem)
{
    public const string NoCustomerEmail = "no_customer_email";
    public const string NoMailbox = "no_mailbox";

    public bool CanDeliver => Way != ReplyWay.None;

    /// <summary>The route in words, for the API and the refusal; the workspace has its own texts in the resources.</summary>
    public string Describe(bool russian) => (Way, Problem) switch
    {
        (ReplyWay.Email, _) => russian ? $"Уйдёт письмом на {To} с адреса {From}." : $"Goes by email to {To} from {From}.",
        (ReplyWay.Chat, _) when To is not null => russian
            ? $"Будет показан в чате; если посетитель ушёл — письмом на {To}." : $"Will be shown in the chat; if the visitor has left, by email to {To}.",
        (ReplyWay.Chat, _) => russian ? "Будет показан в чате." : "Will be shown in the chat.",
        (ReplyWay.Integration, _) => russian
            ? "Передаётся интеграции, создавшей обращение (вебхук message.created)." : "Handed to the integration that created the ticket (webhook message.created).",
        (_, NoCustomerEmail) => russian
            ? "Ответ не доставить: у клиента нет почты. Позвоните клиенту или добавьте его почту." : "Cannot be delivered: the customer has no email. Call them or add an email.",
        _ => russian
            ? "Ответ не доставить: у этого канала нет ящика для отправки. Администратор может выбрать ящик для ответов (Администрирование → Веб-формы)."
            : "Cannot be delivered: this inbox has no mailbox to send from. An admin can choose a reply mailbox (Admin → Web forms).",
    };
}

/// <summary>
/// The one place that decides how a public reply travels: the ticket's own channel when it can carry
/// it (an email inbox with SMTP; a live chat, followed up by email), else email through the inbox's
/// reply mailbox to the customer's email (a verified one first), else no way at all — and then the
/// reply is refused instead of being stored as if it went out.
/// </summary>
public static class ReplyRoutes
{
    /// <summary>The mailbox and address an emailed reply uses.</summary>
    public sealed record MailPath(Mailbox Mailbox, CustomerIdentity To);

    public static async Task<ReplyRoute> DecideAsync(OtklikDb db, Ticket ticket, CancellationToken ct)
    {
        var to = await CustomerEmailAsync(db, ticket.CustomerId, ct);
        if (ticket.Channel == ChannelKind.Chat)
        {
            var followUp = await Chat.ChatFollowUp.MailboxAsync(db, ticket.InboxId, ct);
            return followUp is null || to is null
                ? new ReplyRoute(ReplyWay.Chat, null, false, null, false, null)
                : new ReplyRoute(ReplyWay.Chat, to.Value, to.Verified, followUp.Address, false, null);
        }
        var inbox = ticket.InboxId is { } inboxId ? await db.Inboxes.FirstOrDefaultAsync(i => i.Id == inboxId, ct) : null;
        var (mailbox, throughReplyMailbox) = await MailboxAsync(db, inbox, ct);
        if (mailbox is null && (inbox is null || inbox.Channel == ChannelKind.Api))
            return new ReplyRoute(ReplyWay.Integration, null, false, null, false, null); // the integration relays what it reads from the webhook
        if (to is null) return new ReplyRoute(ReplyWay.None, null, false, mailbox?.Address, throughReplyMailbox, ReplyRoute.NoCustomerEmail);
        if (mailbox is null) return new ReplyRoute(ReplyWay.None, to.Value, to.Verified, null, false, ReplyRoute.NoMailbox);
        return new ReplyRoute(ReplyWay.Email, to.Value, to.Verified, mailbox.Address, throughReplyMailbox, null);
    }

    /// <summary>
    /// Where an emailed reply on this ticket goes and from which mailbox, decided again when it is sent
    /// (the customer's email or the inbox's settings may have changed since); a chat's follow-up uses
    /// the widget's mailbox. Null when there is none.
    /// </summary>
    public static async Task<MailPath?> MailPathAsync(OtklikDb db, Ticket ticket, CancellationToken ct)
    {
        var to = await CustomerEmailAsync(db, ticket.CustomerId, ct);
        if (to is null) return null;
        var mailbox = ticket.Channel == ChannelKind.Chat
            ? await Chat.ChatFollowUp.MailboxAsync(db, ticket.InboxId, ct)
            : await SendingMailboxAsync(db, ticket.InboxId, ct);
        return mailbox is null ? null : new MailPath(mailbox, to);
    }

    /// <summary>The mailbox that sends for this inbox (acknowledgments, notices): its own when it can send, else its reply mailbox.</summary>
    public static async Task<Mailbox?> SendingMailboxAsync(OtklikDb db, long? inboxId, CancellationToken ct) =>
        inboxId is { } id ? (await MailboxAsync(db, await db.Inboxes.FirstOrDefaultAsync(i => i.Id == id, ct), ct)).Mailbox : null;

    /// <summary>The inbox's own mailbox when it can send, else the reply mailbox it names.</summary>
    private static async Task<(Mailbox? Mailbox, bool ThroughReplyMailbox)> MailboxAsync(OtklikDb db, Inbox? inbox, CancellationToken ct)
    {
        if (inbox is null) return (null, false);
        var own = await SendingMailboxAsync(db, inbox.Id, ct);
        if (own is not null || inbox.ReplyInboxId is not { } replyInboxId) return (own, false);
        var reply = await SendingMailboxAsync(db, replyInboxId, ct);
        return (reply, reply is not null);
    }

    private static Task<Mailbox?> SendingMailboxAsync(OtklikDb db, long inboxId, CancellationToken ct) =>
        db.Mailboxes.AsTracking().Where(Mailbox.Sends).Where(b => b.InboxId == inboxId)
            .OrderBy(b => b.Id).FirstOrDefaultAsync(ct);

    /// <summary>A verified address first: the customer proved they read it; a typed one only when there is nothing better.</summary>
    private static Task<CustomerIdentity?> CustomerEmailAsync(OtklikDb db, long customerId, CancellationToken ct) =>
        db.CustomerIdentities.Where(i => i.CustomerId == customerId && i.Kind == IdentityKind.Email)
            .OrderByDescending(i => i.Verified).ThenBy(i => i.Id).FirstOrDefaultAsync(ct);
}
