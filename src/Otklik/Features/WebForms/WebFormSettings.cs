using Microsoft.EntityFrameworkCore;
using Otklik.Data;
using Otklik.Domain;
using Otklik.Infrastructure;
using Otklik.Infrastructure.Auth;

namespace Otklik.Features.WebForms;

/// <summary>
/// An inbox's web form and callback settings. The row is made on the first save (with its
/// random public key); until then the inbox shows the defaults, switched off.
/// </summary>
public static class WebFormSettings
{
    public const long LargestFileLimit = 25L * 1024 * 1024;

    public sealed record SettingsDto(
        long InboxId, string InboxName, string Channel, string? Key, bool IsEnabled, bool CallbackEnabled, string? Title,
        string NameField, string EmailField, string PhoneField, string SubjectField, bool AllowFiles, long MaxFileBytes,
        IReadOnlyList<WebFormField> CustomFields, int PromisedResponseHours, bool HasMailbox, long? ReplyInboxId)
    {
        public string? PagePath => Key is null ? null : $"/form/{Key}";
        public string? CallbackPath => Key is null ? null : $"/form/{Key}/callback";
        public string? ApiPath => Key is null ? null : $"/api/v1/forms/{Key}";
    }

    public sealed record SettingsRequest(
        bool? IsEnabled, bool? CallbackEnabled, string? Title, string? NameField, string? EmailField, string? PhoneField,
        string? SubjectField, bool? AllowFiles, long? MaxFileBytes, WebFormField[]? CustomFields, int? PromisedResponseHours,
        long? ReplyInboxId = null);

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/inboxes/{id:long}/form", async (long id, OtklikDb db, CancellationToken ct) =>
                (await GetAsync(db, id, ct)).ToResult(TypedResults.Ok))
            .RequireAuthorization(Policies.Admin).WithName("GetWebFormSettings").WithSummary("The inbox's web form and callback settings");
        api.MapPut("/inboxes/{id:long}/form", async (long id, SettingsRequest r, OtklikDb db, TimeProvider clock, CancellationToken ct) =>
                (await SaveAsync(db, id, r, clock.GetUtcNow().UtcDateTime, ct)).ToResult(TypedResults.Ok))
            .RequireAuthorization(Policies.Admin).WithName("SaveWebFormSettings").ProducesValidationProblem()
            .WithSummary("Switch the form and callbacks on or off, choose fields and which are required");
    }

    public static async Task<List<SettingsDto>> ListAsync(OtklikDb db, CancellationToken ct)
    {
        var inboxes = await db.Inboxes.Where(i => i.IsActive).OrderBy(i => i.Name).ToListAsync(ct);
        var forms = await db.WebForms.ToDictionaryAsync(f => f.InboxId, ct);
        var mailboxes = (await db.Mailboxes.Where(Mailbox.Sends).Select(b => b.InboxId).ToListAsync(ct)).ToHashSet();
        return inboxes.Select(i => ToDto(i, forms.GetValueOrDefault(i.Id), mailboxes.Contains(i.Id))).ToList();
    }

    public static async Task<Result<SettingsDto>> GetAsync(OtklikDb db, long inboxId, CancellationToken ct)
    {
        var inbox = await db.Inboxes.FirstOrDefaultAsync(i => i.Id == inboxId, ct);
        if (inbox is null) return new Error.NotFound($"Inbox {inboxId}");
        var form = await db.WebForms.FirstOrDefaultAsync(f => f.InboxId == inboxId, ct);
        return ToDto(inbox, form, await HasMailboxAsync(db, inboxId, ct));
    }

    public static async Task<Result<SettingsDto>> SaveAsync(OtklikDb db, long inboxId, SettingsRequest r, DateTime now, CancellationToken ct)
    {
        var inbox = await db.Inboxes.AsTracking().FirstOrDefaultAsync(i => i.Id == inboxId, ct);
        if (inbox is null) return new Error.NotFound($"Inbox {inboxId}");
        var form = await db.WebForms.AsTracking().FirstOrDefaultAsync(f => f.InboxId == inboxId, ct)
                   ?? new WebForm { InboxId = inboxId, Key = WebForm.NewKey(), CreatedAt = now };

        var v = new Validation();
        v.MaxLength("title", r.Title, 200);
        var name = v.Enum<FieldRequirement>("nameField", r.NameField) ?? form.NameField;
        var email = v.Enum<FieldRequirement>("emailField", r.EmailField) ?? form.EmailField;
        var phone = v.Enum<FieldRequirement>("phoneField", r.PhoneField) ?? form.PhoneField;
        var subject = v.Enum<FieldRequirement>("subjectField", r.SubjectField) ?? form.SubjectField;
        if (email == FieldRequirement.Off && phone == FieldRequirement.Off)
            v.Add("emailField", Validation.Say("Show the email or the phone field: otherwise nobody can answer the customer.",
                "Покажите поле почты или телефона: иначе клиенту никто не сможет ответить."));
        var maxFile = r.MaxFileBytes ?? form.MaxFileBytes;
        if (maxFile is < 1024 or > LargestFileLimit)
            v.Add("maxFileBytes", Validation.Say($"The file limit is between 1 KB and {LargestFileLimit / 1024 / 1024} MB.", $"Предел файла — от 1 КБ до {LargestFileLimit / 1024 / 1024} МБ."));
        var hours = r.PromisedResponseHours ?? form.PromisedResponseHours;
        if (hours is < 1 or > 720) v.Add("promisedResponseHours", Validation.Say("The promised answer time is 1 to 720 hours.", "Обещанное время ответа — от 1 до 720 часов."));
        var fields = r.CustomFields ?? form.Fields().ToArray();
        var known = await db.CustomFields.Where(f => f.IsActive).Select(f => f.Key).ToListAsync(ct);
        foreach (var f in fields.Where(f => !known.Contains(f.Key)))
            v.Add("customFields", Validation.Say($"There is no active custom field '{f.Key}'.", $"Нет действующего поля «{f.Key}»."));
        if (fields.Select(f => f.Key).Distinct().Count() != fields.Length)
            v.Add("customFields", Validation.Say("Each custom field can be on the form once.", "Каждое поле может быть в форме один раз."));
        var replyInboxId = r.ReplyInboxId is null ? inbox.ReplyInboxId : r.ReplyInboxId == 0 ? null : r.ReplyInboxId;
        if (r.ReplyInboxId is > 0 and var chosen && (chosen == inboxId || !await HasMailboxAsync(db, chosen, ct)))
            v.Add("replyInboxId", Validation.Say("Choose another email inbox whose mailbox can send (SMTP).",
                "Выберите другой почтовый канал, ящик которого может отправлять письма (SMTP)."));
        if (!v.IsValid) return v.ToError();

        inbox.ReplyInboxId = replyInboxId;
        form.IsEnabled = r.IsEnabled ?? form.IsEnabled;
        form.CallbackEnabled = r.CallbackEnabled ?? form.CallbackEnabled;
        if (r.Title is not null) form.Title = string.IsNullOrWhiteSpace(r.Title) ? null : r.Title.Trim();
        (form.NameField, form.EmailField, form.PhoneField, form.SubjectField) = (name, email, phone, subject);
        form.AllowFiles = r.AllowFiles ?? form.AllowFiles;
        form.MaxFileBytes = maxFile;
        form.SetFields(fields);
        form.PromisedResponseHours = hours;
        form.UpdatedAt = now;
        if (form.Id == 0) db.WebForms.Add(form);
        await db.SaveChangesAsync(ct);
        return ToDto(inbox, form, await HasMailboxAsync(db, inboxId, ct));
    }

    /// <summary>Email inboxes whose mailbox can send: the choices for another inbox's reply mailbox.</summary>
    public static async Task<List<(long InboxId, string Address)>> SendingMailboxesAsync(OtklikDb db, CancellationToken ct) =>
        (await db.Mailboxes.Where(Mailbox.Sends).OrderBy(b => b.Address)
            .Select(b => new { b.InboxId, b.Address }).ToListAsync(ct)).Select(b => (b.InboxId, b.Address)).ToList();

    private static Task<bool> HasMailboxAsync(OtklikDb db, long inboxId, CancellationToken ct) =>
        db.Mailboxes.Where(Mailbox.Sends).AnyAsync(b => b.InboxId == inboxId, ct);

    private static SettingsDto ToDto(Inbox inbox, WebForm? stored, bool hasMailbox)
    {
        var f = stored ?? new WebForm { Key = "", InboxId = inbox.Id };
        return new SettingsDto(inbox.Id, inbox.Name, Names.Of(inbox.Channel), stored?.Key, f.IsEnabled, f.CallbackEnabled, f.Title,
            Names.Of(f.NameField), Names.Of(f.EmailField), Names.Of(f.PhoneField), Names.Of(f.SubjectField), f.AllowFiles, f.MaxFileBytes,
            f.Fields(), f.PromisedResponseHours, hasMailbox, inbox.ReplyInboxId);
    }
}
