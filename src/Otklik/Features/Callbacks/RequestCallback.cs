using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Otklik.Channels.Email;
using Otklik.Channels.Phone;
using Otklik.Data;
using Otklik.Domain;
using Otklik.Features.Customers;
using Otklik.Features.WebForms;
using Otklik.Infrastructure;

namespace Otklik.Features.Callbacks;

/// <summary>
/// «Перезвоните мне»: a Phone ticket with a call task due at the end of the window the customer
/// chose, for the customer found (or registered) by the phone number.
/// </summary>
public static class RequestCallback
{
    public sealed record Input(string? Name, string? Phone, string? Date, string? From, string? To, string? TimeZone, string? Comment,
        string? FormToken, string? Homepage);

    /// <param name="TicketNumber">When taken for a bot, a number no ticket will get: it looks accepted, but nothing was filed.</param>
    /// <param name="When">The window in the customer's own zone, in words.</param>
    /// <param name="Warning">Said before it happens: the window ends sooner than we usually manage to call.</param>
    public sealed record Requested(long TicketNumber, string Phone, DateTime WindowStart, DateTime WindowEnd, string TimeZone, string When, string? Warning);

    public static void Map(IEndpointRouteBuilder forms) =>
        forms.MapPost("/{key}/callback", async (string key, HttpContext http, OtklikDb db, Handler handler, CancellationToken ct) =>
            {
                var ru = PublicPage.Russian(http);
                PublicPage.UseLanguage(ru);
                var form = await FormDefinition.LoadAsync(db, key, callback: true, ru, ct);
                if (form is null) return new Error.NotFound("Callback form").ToProblem();
                var input = await WebFormApi.ReadJsonAsync<Input>(http, ct);
                if (input is null) return new Error.Invalid("body", Validation.Say("The body is empty.", "Тело запроса пустое.")).ToProblem();
                return (await handler.HandleAsync(form, input, ru, ct)).ToResult(r => TypedResults.Json(r, statusCode: StatusCodes.Status201Created));
            })
            .WithName("RequestCallback").WithSummary("Ask to be called back: name, phone, a day with a from–to window in the customer's time zone")
            .Produces<Requested>(StatusCodes.Status201Created).ProducesValidationProblem();

    public sealed class Handler(OtklikDb db, FormToken tokens, ResponseTimePromise promise, TimeProvider clock, ILogger<Handler> log)
    {
        public async Task<Result<Requested>> HandleAsync(FormDefinition form, Input r, bool russian, CancellationToken ct)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var culture = CultureInfo.GetCultureInfo(russian ? "ru" : "en");
            var v = new Validation();
            var window = ReadWindow(v, r, now, russian);
            switch (tokens.Check(r.FormToken, form.Form.Id))
            {
                case TokenCheck.Missing: return new Error.Invalid("formToken", FormTexts.T(russian, "NoToken"));
                case TokenCheck.TooFast: return new Error.Invalid("formToken", FormTexts.T(russian, "TooFast"));
                case TokenCheck.Expired: return new Error.Invalid("formToken", FormTexts.T(russian, "Expired"));
            }
            var name = r.Name?.Trim();
            if (string.IsNullOrEmpty(name)) v.Add("name", FormTexts.T(russian, "Required", FormTexts.T(russian, "Name")));
            else if (name.Length > FormDefinition.NameLimit) v.Add("name", FormTexts.T(russian, "TooLong", FormTexts.T(russian, "Name"), name.Length, FormDefinition.NameLimit));
            string? phone = null;
            if (string.IsNullOrWhiteSpace(r.Phone)) v.Add("phone", FormTexts.T(russian, "Required", FormTexts.T(russian, "Phone")));
            else if (!PhoneNumber.TryNormalize(r.Phone, out phone!)) v.Add("phone", FormTexts.T(russian, "BadPhone", r.Phone.Trim()));
            var comment = r.Comment?.Trim();
            if (comment?.Length > FormDefinition.CommentLimit)
                v.Add("comment", FormTexts.T(russian, "TooLong", FormTexts.T(russian, "Comment"), comment.Length, FormDefinition.CommentLimit));
            if (!v.IsValid || window is not { } w) return v.ToError();

            CallbackWindow.TryZone(r.TimeZone, out var zone);
            var when = w.Describe(zone, culture);
            // Honest up front: if calls currently take longer than the window allows, say so now, not after it passed.
            var usual = await promise.EstimateAsync(form.Form.InboxId, TimeSpan.FromHours(Math.Max(1, form.Form.PromisedResponseHours)), ct);
            var warning = now + usual > w.EndUtc ? FormTexts.T(russian, "CallbackLate", NoticeTexts.Within(usual, russian)) : null;
            if (!string.IsNullOrEmpty(r.Homepage))
            {
                // Checked only now, so a bot gets exactly what a person would: the same errors, then the same kind of answer.
                log.LogInformation("Callback form {Form}: honeypot filled, nothing filed", form.Form.Id);
                return new Requested(await UnusedTicketNumber.TakeAsync(db, ct), phone!, w.StartUtc, w.EndUtc, zone.Id, when, warning);
            }
            var customer = await CustomerDirectory.FindOrCreateByPhoneAsync(db, phone!, name, now, ct);
            var known = customer.Id != 0; // found by a typed number: linked, marked unverified on the ticket
            customer.Language ??= russian ? "ru" : "en";
            customer.TimeZone ??= zone.Id;
            var display = PhoneNumber.Display(phone!);
            var subject = FormTexts.T(russian, "CallMeBack") + ": " + display;
            var text = FormTexts.T(russian, "CallbackAsk", display, when, zone.Id) + (string.IsNullOrEmpty(comment) ? "" : "\n\n" + comment);
            var ticket = Ticket.Open(subject, customer, ChannelKind.Phone, form.Form.InboxId, Actor.OfCustomer(customer.Id), now);
            ticket.AddMessage(MessageKind.Inbound, Actor.OfCustomer(customer.Id), text, null, now).AuthorCustomer = customer;
            if (form.Form.Inbox!.DefaultTeamId is { } teamId && await db.Teams.AsTracking().FirstOrDefaultAsync(t => t.Id == teamId, ct) is { } team)
                ticket.MoveToTeam(team, Actor.System, now);
            if (known) ticket.UnverifiedContact = phone;
            db.Tickets.Add(ticket);
            db.CallbackRequests.Add(new CallbackRequest
            {
                Ticket = ticket, Phone = phone!, TimeZone = zone.Id, WindowStart = w.StartUtc, WindowEnd = w.EndUtc, CreatedAt = now,
            });
            await db.SaveChangesAsync(ct);
            return new Requested(ticket.Id, phone!, w.StartUtc, w.EndUtc, zone.Id, when, warning);
        }

        private static CallbackWindow? ReadWindow(Validation v, Input r, DateTime now, bool russian)
        {
            if (!DateOnly.TryParseExact(r.Date?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                v.Add("date", FormTexts.T(russian, "BadDate"));
            var fromOk = TimeOnly.TryParseExact(r.From?.Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from);
            var toOk = TimeOnly.TryParseExact(r.To?.Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to);
            if (!fromOk) v.Add("from", FormTexts.T(russian, "BadTime"));
            if (!toOk) v.Add("to", FormTexts.T(russian, "BadTime"));
            if (!v.IsValid) return null;
            var problem = CallbackWindow.TryCreate(date, from, to, r.TimeZone?.Trim(), now, out var window);
            switch (problem)
            {
                case WindowProblem.None: return window;
                case WindowProblem.UnknownZone: v.Add("timeZone", FormTexts.T(russian, "UnknownZone", r.TimeZone ?? "")); break;
                case WindowProblem.EndBeforeStart or WindowProblem.TooShort: v.Add("to", FormTexts.T(russian, problem.ToString())); break;
                default: v.Add("date", FormTexts.T(russian, problem.ToString())); break;
            }
            return null;
        }
    }
}
