using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Otklik.Data;

/// <summary>snake_case names, so that hand-written SQL (search, outbox claims) needs no quoting.</summary>
internal static class SnakeCase
{
    public static void Apply(ModelBuilder model)
    {
        foreach (var entity in model.Model.GetEntityTypes())
        {
            if (entity.GetTableName() is { } table) entity.SetTableName(Of(table));
            foreach (var property in entity.GetProperties()) property.SetColumnName(Of(property.GetColumnName()));
            foreach (var key in entity.GetKeys()) key.SetName(Of(key.GetName()!));
            foreach (var fk in entity.GetForeignKeys()) fk.SetConstraintName(Of(fk.GetConstraintName()!));
            foreach (var index in entity.GetIndexes()) index.SetDatabaseName(Of(index.GetDatabaseName()!));
        }
    }

    public static string Of(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && name[i - 1] != '_' && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
                    sb.Append('_');
                sb.Append(char.ToLowerInvariant(c));
            }
            else sb.Append(c);
        }
        return sb.ToString();
    }
}
