using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Otklik.Data;
using Otklik.Domain;
using Otklik.Infrastructure;
using Otklik.Infrastructure.Auth;

namespace Otklik.Features.Admin;

public static class CustomFieldAdmin
{
    public sealed record FieldDto(long Id, string Key, string Label, string Type, IReadOnlyList<string> Options, bool IsActive, int Position);
    public sealed record FieldRequest(string? Key, string? Label, string? Type, string[]? Options, bool? IsActive, int? Position);

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/custom-fields", async (OtklikDb db, CancellationToken ct) => TypedResults.Ok(await ListAsync(db, ct))).WithName("ListCustomFields");
        api.MapPost("/custom-fields", async (FieldRequest r, OtklikDb db, TimeProvider clock, CancellationToken ct) =>
                (await SaveAsync(null, r, db, clock, ct)).ToResult(d => TypedResults.Created($"/api/v1/custom-fields/{d.Id}", d)))
            .RequireAuthorization(Policies.Admin).WithName("CreateCustomField").ProducesValidationProblem();
        api.MapPut("/custom-fields/{id:long}", async (long id, FieldRequest r, OtklikDb db, TimeProvider clock, CancellationToken ct) =>
                (await SaveAsync(id, r, db, clock, ct)).ToResult(TypedResults.Ok))
            .RequireAuthorization(Policies.Admin).WithName("UpdateCustomField").WithSummary("The key and type are fixed once created").ProducesValidationProblem();
    }

    public static async Task<List<FieldDto>> ListAsync(OtklikDb db, CancellationToken ct) =>
        (await db.CustomFields.OrderBy(f => f.Position).ThenBy(f => f.Id).ToListAsync(ct)).Select(ToDto).ToList();

    private static FieldDto ToDto(CustomFieldDefinition f) =>
        new(f.Id, f.Key, f.Label, Names.Of(f.Type), JsonSerializer.Deserialize<string[]>(f.Options) ?? [], f.IsActive, f.Position);

    public static async Task<Result<FieldDto>> SaveAsync(long? id, FieldRequest r, OtklikDb db, TimeProvider clock, CancellationToken ct)
    {
        var v = new Validation();
        var field = id is null ? null : await db.CustomFields.AsTracking().FirstOrDefaultAsync(f => f.Id == id, ct);
        if (id is not null && field is null) return new Error.NotFound($"Custom field {id}");
        v.Required("label", r.Label, 100);
        CustomFieldType? type = null;
        if (field is null)
        {
            v.Required("key", r.Key, 50);
            if (r.Key is not null && !System.Text.RegularExpressions.Regex.IsMatch(r.Key, "^[a-z][a-z0-9_]*$"))
                v.Add("key", Validation.Say("'key' uses lower-case latin letters, digits and underscores, starting with a letter.", "Ключ — строчные латинские буквы, цифры и подчёркивания, начинается с буквы."));
            else if (r.Key is not null && await db.CustomFields.AnyAsync(f => f.Key == r.Key, ct)) v.Add("key", Validation.Say($"The key '{r.Key}' is taken.", $"Ключ «{r.Key}» уже занят."));
            type = v.Enum<CustomFieldType>("type", r.Type ?? "");
        }
        var options = (r.Options ?? []).Select(o => o.Trim()).Where(o => o.Length > 0).Distinct().ToArray();
        if ((type ?? field?.Type) == CustomFieldType.Dropdown && options.Length == 0) v.Add("options", Validation.Say("A dropdown needs at least one option.", "Для списка нужен хотя бы один вариант."));
        if (options.Any(o => o.Length > 100)) v.Add("options", Validation.Say("An option is at most 100 characters.", "Вариант — не длиннее 100 знаков."));
        if (!v.IsValid) return v.ToError();

        field ??= new CustomFieldDefinition { Key = r.Key!, Label = r.Label!, Type = type!.Value, CreatedAt = clock.GetUtcNow().UtcDateTime };
        field.Label = r.Label!.Trim();
        field.Options = JsonSerializer.Serialize(options);
        field.IsActive = r.IsActive ?? field.IsActive;
        field.Position = r.Position ?? field.Position;
        if (id is null) db.CustomFields.Add(field);
        await db.SaveChangesAsync(ct);
        return ToDto(field);
    }
}
