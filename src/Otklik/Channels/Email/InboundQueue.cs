namespace Otklik.Channels.Email;

/// <summary>
/// Group commit for mail handed over by the MTA pipe (<see cref="GroupCommit{TItem,TResult}"/>): up to 16 messages per
/// transaction, by the same rules as one (<see cref="EmailIngestion"/>); messages touching the same people or
/// conversation are never grouped (<see cref="PendingMail.Touches"/>); an unparsable message always goes alone, where
/// it is quarantined. Two workers: while one group waits for the database, the next one is being applied.
/// </summary>
public sealed class InboundQueue(IServiceScopeFactory scopes, ILogger<InboundQueue> log)
    : Infrastructure.GroupCommit<PendingMail, IngestResult>(scopes, log, workers: 2, mostPerTransaction: 16)
{
    protected override IReadOnlyCollection<string>? Touches(PendingMail mail) => mail.Parsed is null ? null : mail.Touches().ToList();

    protected override async Task<Func<IngestResult>> StageAsync(IServiceProvider services, PendingMail mail, CancellationToken ct)
    {
        await services.GetRequiredService<EmailIngestion>().ApplyAsync(mail.Mailbox, mail.Parsed!, mail.Record, ct);
        return () => EmailIngestion.Outcome(mail.Record);
    }

    protected override Task<IngestResult> AloneAsync(IServiceProvider services, PendingMail mail, CancellationToken ct) =>
        services.GetRequiredService<EmailIngestion>().ProcessAsync(mail.Mailbox, mail.Raw, mail.Record, ct, mail.Parsed);

    protected override void Reset(PendingMail mail) => EmailIngestion.Reset(mail.Record, isNew: true);
}
