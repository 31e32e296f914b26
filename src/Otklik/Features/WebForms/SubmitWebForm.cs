using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Otklik.Channels;
using Otklik.Channels.Email;
using Otklik.Data;
using Otklik.Domain;
using Otklik.Features.Admin;
using Otklik.Features.Customers;
using Otklik.Files;
using Otklik.Infrastructure;

namespace Otklik.Features.WebForms;

/// <summary>
/// A web form sent by a customer: a ticket on channel WebForm in the form's inbox, for the
/// customer found (or registered) by email or phone. Bots get the same-looking answer and no ticket.
/// </summary>
public static class SubmitWebForm
{
    public const string Honeypot = "homepage";

    public sealed record Input(string? Name, string? Email, string? Phone, string? Subject, string? Message,
        Dictionary<string, JsonElement>? CustomFields, string? FormToken, string? Homepage);

    public sealed record FileInput(string FileName, string ContentType, long Length, Func<Stream> Open);

    /// <param name="TicketNumber">For a submission taken for a bot's, a number no ticket will get: it looks filed, but nothing was.</param>
    /// <param name="EmailCopyTo">Where the acknowledgment is being mailed, when the inbox has a mailbox that sends one.</param>
    public sealed record Filed(long TicketNumber, string ExpectedAnswer, DateTime ExpectedBy, string? EmailCopyTo);

    public sealed class Handler(OtklikDb db, FileStore files, FormToken tokens, ResponseTimePromise promise,
        IOptions<WebFormOptions> options, TimeProvider clock, ILogger<Handler> log)
    {
        public async Task<Result<Filed>> HandleAsync(FormDefinition form, Input r, IReadOnlyList<FileInput> uploads, bool russian, CancellationToken ct)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var mailbox = await db.Mailboxes.FirstOrDefaultAsync(b => b.InboxId == form.Form.InboxId && b.IsActive, ct);
            // What acknowledges: the inbox's own mailbox, or for a form-only inbox the reply mailbox it answers from.
            var acknowledging = await ReplyRoutes.SendingMailboxAsync(db, form.Form.InboxId, ct) is { AutoAcknowledge: true } sender ? sender : null;
            var estimate = await promise.EstimateAsync(form.Form.InboxId, TimeSpan.FromHours(Math.Max(1, mailbox?.PromisedResponseHours ?? form.Form.PromisedResponseHours)), ct);
            var expected = NoticeTexts.Within(estimate, russian);
            var v = new Validation();
            CheckToken(v, tokens.Check(r.FormToken, form.Form.Id), russian);
            if (!v.IsValid) return v.ToError();

            var email = Contact(v, form, "email", r.Email, russian);
            if (email is not null) v.Email("email", email);
            var phoneText = Contact(v, form, "phone", r.Phone, russian);
            string? phone = null;
            if (phoneText is not null && !PhoneNumber.TryNormalize(phoneText, out phone!))
                v.Add("phone", FormTexts.T(russian, "BadPhone", phoneText));
            if (email is null && phoneText is null && form.Field("email") is not null && form.Field("phone") is not null)
                v.Add("email", FormTexts.T(russian, "EmailOrPhone"));
            var name = Contact(v, form, "name", r.Name, russian);
            var subject = Contact(v, form, "subject", r.Subject, russian);
            var message = Contact(v, form, "message", r.Message, russian);
            var values = CustomValues(v, form, r.CustomFields, russian);
            CheckFiles(v, form.Form, uploads, options.Value.MaxFiles, russian);
            if (!v.IsValid) return v.ToError();
            var fields = new Dictionary<string, JsonElement>();
            await CustomFieldValues.ApplyAsync(db, values, fields, v, ct); // the definitions' own rules, once more
            if (!v.IsValid) return v.ToError();
            if (!string.IsNullOrEmpty(r.Homepage))
            {
                // Checked only now, so a bot gets exactly what a person would: the same errors, then the same kind of answer.
                log.LogInformation("Web form {Form}: honeypot filled, nothing filed", form.Form.Id);
                var copy = acknowledging is not null ? email : null;
                return new Filed(await UnusedTicketNumber.TakeAsync(db, ct), expected, now + estimate, copy);
            }

            var stored = new List<Attachment>();
            foreach (var file in uploads)
            {
                await using var content = file.Open();
                var (sha, size) = await files.SaveAsync(content, form.Form.MaxFileBytes, ct);
                stored.Add(new Attachment { FileName = FileName(file.FileName), ContentType = ContentType(file.ContentType), Size = size, Sha256 = sha, CreatedAt = now });
            }

            var customer = await CustomerDirectory.FindOrCreateAsync(db, email, phone, name, now, ct);
            // A known customer found by what the sender typed: link (one history), but say it rests on their word.
            var linkedBy = customer.Id != 0 ? CustomerIdentity.Normalize(email is not null ? IdentityKind.Email : IdentityKind.Phone, email ?? phone!) : null;
            customer.Language ??= russian ? "ru" : "en";
            var text = message!;
            // A phone that belongs to another profile stays off this one; the agent still needs it.
            if (phone is not null && customer.Identities.All(i => i.Value != phone))
                text += $"\n\n{FormTexts.T(russian, "Phone")}: {PhoneNumber.Display(phone)}";
            var ticket = Ticket.Open(subject ?? SubjectFrom(message!), customer, ChannelKind.WebForm, form.Form.InboxId, Actor.OfCustomer(customer.Id), now);
            var first = ticket.AddMessage(MessageKind.Inbound, Actor.OfCustomer(customer.Id), text, null, now);
            first.AuthorCustomer = customer;
            first.Attachments.AddRange(stored);
            if (fields.Count > 0) ticket.CustomFields = JsonSerializer.Serialize(fields);
            ticket.UnverifiedContact = linkedBy;
            if (form.Form.Inbox!.DefaultTeamId is { } teamId && await db.Teams.AsTracking().FirstOrDefaultAsync(t => t.Id == teamId, ct) is { } team)
                ticket.MoveToTeam(team, Actor.System, now);
            string? copyTo = null;
            if (acknowledging is not null && customer.PrimaryEmail is { } address)
            {
                ticket.RequestAcknowledgment(first);
                copyTo = address;
            }
            db.Tickets.Add(ticket);
            await db.SaveChangesAsync(ct);
            return new Filed(ticket.Id, expected, now + estimate, copyTo);
        }

        private static void CheckToken(Validation v, TokenCheck check, bool russian)
        {
            switch (check)
            {
                case TokenCheck.Missing: v.Add("formToken", FormTexts.T(russian, "NoToken")); break;
                case TokenCheck.TooFast: v.Add("formToken", FormTexts.T(russian, "TooFast")); break;
                case TokenCheck.Expired: v.Add("formToken", FormTexts.T(russian, "Expired")); break;
            }
        }

        /// <summary>A contact field's trimmed value: required ones must be there, hidden ones are ignored.</summary>
        private static string? Contact(Validation v, FormDefinition form, string name, string? value, bool russian)
        {
            var field = form.Field(name);
            if (field is null) return null;
            var text = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
            if (text is null && field.Required) v.Add(name, FormTexts.T(russian, "Required", field.Label));
            else if (text is not null && text.Length > field.MaxLength) v.Add(name, FormTexts.T(russian, "TooLong", field.Label, text.Length, field.MaxLength!));
            return text;
        }

        private static Dictionary<string, JsonElement> CustomValues(Validation v, FormDefinition form, Dictionary<string, JsonElement>? input, bool russian)
        {
            var values = new Dictionary<string, JsonElement>();
            foreach (var key in (input ?? []).Keys.Where(k => !form.Custom.ContainsKey(k)))
                v.Add("customFields." + key, FormTexts.T(russian, "UnknownField", key));
            foreach (var (key, def) in form.Custom)
            {
                var field = form.Field("customFields." + key)!;
                string? error = null;
                JsonElement? value = null;
                if (input is not null && input.TryGetValue(key, out var given)) value = FormDefinition.Coerce(def, given, russian, out error);
                if (error is not null) v.Add(field.Name, error);
                else if (value is null && field.Required) v.Add(field.Name, FormTexts.T(russian, "Required", field.Label));
                else if (value is { } ok) values[key] = ok;
            }
            return values;
        }

        private static void CheckFiles(Validation v, WebForm form, IReadOnlyList<FileInput> uploads, int maxFiles, bool russian)
        {
            if (uploads.Count == 0) return;
            if (!form.AllowFiles) { v.Add("files", FormTexts.T(russian, "NoFiles")); return; }
            if (uploads.Count > maxFiles) v.Add("files", FormTexts.T(russian, "TooManyFiles", maxFiles));
            foreach (var f in uploads.Where(f => f.Length > form.MaxFileBytes))
                v.Add("files", FormTexts.T(russian, "FileTooLarge", FileName(f.FileName), FormTexts.Size(f.Length, russian), FormTexts.Size(form.MaxFileBytes, russian)));
        }
    }

    private static string FileName(string name) => Path.GetFileName(name) is { Length: > 0 } n ? n[..Math.Min(n.Length, 255)] : "file";

    private static string ContentType(string type) =>
        string.IsNullOrWhiteSpace(type) ? "application/octet-stream" : type[..Math.Min(type.Length, 100)];

    /// <summary>A form without a subject field: the first line of the message, shortened.</summary>
    public static string SubjectFrom(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return line.Length <= 80 ? line : line[..79].TrimEnd() + "…";
    }
}
