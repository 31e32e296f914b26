using Microsoft.EntityFrameworkCore;
using Otklik.Data;
using Otklik.Domain;

namespace Otklik.Features.Customers;

/// <summary>
/// Fills <see cref="CustomerIdentity.MatchKey"/> for identities stored before the column existed. The key is
/// computed in C# (Gmail dots, Yandex domains), which a migration's SQL cannot do on both databases alike.
/// After the first start it finds nothing and costs one indexed query.
/// </summary>
public static class IdentityMatchKeys
{
    public static async Task BackfillAsync(OtklikDb db, CancellationToken ct)
    {
        long after = 0;
        while (true)
        {
            var batch = await db.CustomerIdentities.AsTracking()
                .Where(i => i.MatchKey == null && (i.Kind == IdentityKind.Email || i.Kind == IdentityKind.Phone) && i.Id > after)
                .OrderBy(i => i.Id).Take(1000).ToListAsync(ct);
            if (batch.Count == 0) return;
            var filled = 0;
            foreach (var identity in batch)
            {
                // Re-assigning the value runs the setter that computes the key.
                identity.Value = identity.Value;
                if (identity.MatchKey is not null)
                {
                    db.Entry(identity).Property(i => i.MatchKey).IsModified = true;
                    filled++;
                }
            }
            after = batch[^1].Id;
            if (filled > 0) await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
    }
}
