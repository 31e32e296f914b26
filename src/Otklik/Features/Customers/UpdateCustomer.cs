using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Otklik.Data;
using Otklik.Domain;
using Otklik.Infrastructure;
using Otklik.Infrastructure.Auth;

namespace Otklik.Features.Customers;

public static class UpdateCustomer
{
    private static readonly string[] Fields = ["name", "language", "timeZone", "organisationId", "isVip", "attributes", "addEmail", "addPhone", "removeIdentityId", "version"];

    public sealed class Handler(OtklikDb db, TimeProvider clock)
    {
        public async Task<Result<CustomerDto>> HandleAsync(long id, JsonElement body, Caller caller, CancellationToken ct)
        {
            var v = new Validation();
            var patch = new JsonPatchBody(body, v);
            patch.OnlyKnown(Fields);
            if (!v.IsValid) return v.ToError();
            var c = await db.Customers.AsTracking().Include(x => x.Identities).FirstOrDefaultAsync(x => x.Id == id, ct);
            if (c is null) return new Error.NotFound($"Customer {id}");
            if (patch.Long("version") is { } seen && seen != c.Version) return new Error.Stale(c.Version);
            var now = clock.GetUtcNow().UtcDateTime;

            if (patch.Has("name") && v.Required("name", patch.String("name"), TicketLimits.Name).IsValid) c.Name = patch.String("name")!.Trim();
            if (patch.Has("language")) c.Language = v.MaxLength("language", patch.String("language"), 8).IsValid ? patch.String("language") : c.Language;
            if (patch.Has("timeZone"))
            {
                var tz = patch.String("timeZone");
                if (tz is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(tz, out _)) v.Add("timeZone", Validation.Say($"'{tz}' is not a known time zone.", $"Часовой пояс «{tz}» неизвестен."));
                else c.TimeZone = tz;
            }
            if (patch.Has("organisationId"))
            {
                var org = patch.Long("organisationId");
                if (org is not null && !await db.Organisations.AnyAsync(o => o.Id == org, ct)) v.Add("organisationId", Validation.Say($"There is no organisation {org}.", $"Нет организации {org}."));
                else c.OrganisationId = org;
            }
            if (patch.Bool("isVip") is { } vip) c.IsVip = vip;
            if (patch.Object("attributes") is { } attributes)
            {
                var json = JsonSerializer.Serialize(attributes);
                if (json.Length > 20_000) v.Add("attributes", Validation.Say("'attributes' is larger than 20,000 characters.", "«attributes» длиннее 20 000 знаков."));
                else c.Attributes = json;
            }
            if (patch.String("addEmail") is { } email && v.Email("addEmail", email).IsValid)
                await AddIdentityAsync(c, IdentityKind.Email, email, v, now, ct);
            if (patch.String("addPhone") is { } phone)
            {
                if (phone.Count(char.IsDigit) is < 5 or > 15) v.Add("addPhone", Validation.Say($"'{phone}' is not a phone number.", $"«{phone}» — не номер телефона."));
                else await AddIdentityAsync(c, IdentityKind.Phone, phone, v, now, ct);
            }
            if (patch.Long("removeIdentityId") is { } removeId)
            {
                var identity = c.Identities.FirstOrDefault(i => i.Id == removeId);
                if (identity is null) v.Add("removeIdentityId", Validation.Say($"Customer {id} has no identity {removeId}.", $"У клиента {id} нет контакта {removeId}."));
                else c.Identities.Remove(identity);
            }
            if (!v.IsValid) return v.ToError();
            c.Touch(now);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return new Error.Stale(await db.Customers.Where(x => x.Id == id).Select(x => x.Version).FirstAsync(ct));
            }
            return (await CustomerEndpoints.LoadAsync(db, id, ct))!;
        }

        private async Task AddIdentityAsync(Customer c, IdentityKind kind, string raw, Validation v, DateTime now, CancellationToken ct)
        {
            var value = CustomerIdentity.Normalize(kind, raw);
            if (c.Identities.Any(i => i.Kind == kind && i.Value == value)) return;
            var owner = await db.CustomerIdentities.Where(i => i.Kind == kind && i.Value == value).Select(i => (long?)i.CustomerId).FirstOrDefaultAsync(ct);
            if (owner is not null) v.Add(kind == IdentityKind.Email ? "addEmail" : "addPhone", $"{value} belongs to customer {owner}; merge the two customers instead.");
            else c.Identities.Add(new CustomerIdentity { Kind = kind, Value = value, CreatedAt = now });
        }
    }
}
