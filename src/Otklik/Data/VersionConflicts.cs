using Microsoft.EntityFrameworkCore;

namespace Otklik.Data;

/// <summary>
/// Writes that only add to a ticket (a message, a visitor's line) are not conditional on its version: when someone changed
/// the ticket meanwhile (a colleague, routing, the customer writing), the work runs again on the new version.
/// </summary>
public static class VersionConflicts
{
    public const int Attempts = 10;

    /// <param name="reset">Undoes what the failed save left on objects the work reuses (e.g. ids handed to new rows).</param>
    public static async Task<T> RetryAsync<T>(OtklikDb db, Func<Task<T>> work, CancellationToken ct, Action? reset = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await work();
            }
            catch (DbUpdateConcurrencyException) when (attempt < Attempts)
            {
                db.ChangeTracker.Clear();
                reset?.Invoke();
                await PauseAsync(attempt, ct);
            }
        }
    }

    /// <summary>A little jitter, growing with each attempt, so that writers racing for one ticket do not collide again in lockstep.</summary>
    public static Task PauseAsync(int attempt, CancellationToken ct) => Task.Delay(Random.Shared.Next(5, 25) * attempt, ct);
}
