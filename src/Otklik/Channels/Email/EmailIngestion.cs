using Microsoft.EntityFrameworkCore;
using Otklik.Data;
using Otklik.Domain;
using Otklik.Files;

namespace Otklik.Channels.Email;

public enum IngestOutcome { Ticket, Duplicate, Ignored, Quarantined }

public sealed record IngestResult(IngestOutcome Outcome, long? InboundEmailId, long? TicketId, string? Detail = null);

/// <summary>
/// Takes one raw message from any inbound path (IMAP, POP3, the MTA pipe) and makes it part of
/// the helpdesk: raw bytes kept first, then parse → thread → ticket message in one transaction.
/// Whatever goes wrong, the message ends up as a row in the inbound ledger (quarantined with
/// the error), so the caller can always acknowledge it and move on to the next one.
/// </summary>
public sealed class EmailIngestion(OtklikDb db, FileStore files, InboundMail inbound, TimeProvider clock, ILogger<EmailIngestion> log)
{
    public async Task<IngestResult> IngestAsync(Mailbox mailbox, byte[] raw, string source, string? sourceUid, CancellationToken ct) =>
        await ProcessAsync(mailbox, raw, await KeepAsync(mailbox, raw, source, sourceUid, ct), ct);

    /// <summary>
    /// The raw bytes kept in the file store and the ledger row that will record them, not yet added to any context:
    /// after this the message can only end up stored, ignored or quarantined, never lost.
    /// </summary>
    public async Task<InboundEmail> KeepAsync(Mailbox mailbox, byte[] raw, string source, string? sourceUid, CancellationToken ct)
    {
        var (messageId, dedupKey) = MailFingerprint.Compute(raw);
        // No look-up first: the ledger's unique (inbox, dedup key) index refuses a second copy at the save,
        // and the failure path below reports it as a duplicate. Duplicates are rare; the look-up cost every message a round trip.
        var (sha, size) = await files.SaveAsync(raw, ct);
        return new InboundEmail
        {
            InboxId = mailbox.InboxId, Source = source, SourceUid = sourceUid, MessageIdHeader = Cut(messageId, 998),
            DedupKey = dedupKey, RawSha256 = sha, Size = size, ReceivedAt = Now(),
        };
    }

    /// <summary>Runs a stored (quarantined or ignored) message through the pipeline again, e.g. after a fix.</summary>
    public async Task<IngestResult> RetryAsync(InboundEmail record, Mailbox mailbox, CancellationToken ct)
    {
        var raw = await files.ReadAllAsync(record.RawSha256, ct)
            ?? throw new InvalidOperationException($"The raw bytes of inbound email {record.Id} are missing from the file store.");
        record.Attempts++;
        return await ProcessAsync(mailbox, raw, record, ct);
    }

    /// <summary>Two replies to one ticket at the same moment: the loser of the version check simply runs again.</summary>
    private const int ConflictRetries = VersionConflicts.Attempts;

    /// <summary>Parse, thread and store one message in its own transaction; whatever fails, the ledger row records it.</summary>
    /// <param name="parsed">The message already parsed by the caller, or null to parse it here.</param>
    public async Task<IngestResult> ProcessAsync(Mailbox mailbox, byte[] raw, InboundEmail record, CancellationToken ct, ParsedEmail? parsed = null)
    {
        var isNew = record.Id == 0;
        for (var attempt = 1; ; attempt++)
        {
            if (isNew) db.InboundEmails.Add(record);
            else db.InboundEmails.Attach(record).State = EntityState.Modified;
            try
            {
                parsed ??= InboundMailParser.Parse(raw);
                await ApplyAsync(mailbox, parsed, record, ct);
                await db.SaveChangesAsync(ct);
                return Outcome(record);
            }
            catch (DbUpdateConcurrencyException) when (attempt < ConflictRetries)
            {
                db.ChangeTracker.Clear();
                Reset(record, isNew);
                await VersionConflicts.PauseAsync(attempt, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                db.ChangeTracker.Clear();
                Reset(record, isNew);
                // Two paths delivered the same message at once: the other one stored it.
                if (isNew && await IsDuplicateAsync(record.InboxId, record.DedupKey, ct))
                    return new IngestResult(IngestOutcome.Duplicate, null, null);
                // Two messages at once created the same new person (sender or Cc): the second run finds the profile.
                if (ex is DbUpdateException update && UniqueViolation.Is(update) && attempt < ConflictRetries)
                {
                    await VersionConflicts.PauseAsync(attempt, ct);
                    continue;
                }
                log.LogWarning(ex, "Inbound email {Sha} quarantined", record.RawSha256);
                record.Status = InboundEmailStatus.Quarantined;
                record.Error = MailWarning.Store([ex is UnusableMailException unusable ? unusable.Reason : new MailWarning(LedgerTexts.Failed, [ex.GetType().Name, ex.Message])]);
                record.ProcessedAt = Now();
                if (isNew) db.InboundEmails.Add(record);
                else db.InboundEmails.Update(record);
                await db.SaveChangesAsync(ct);
                return new IngestResult(IngestOutcome.Quarantined, record.Id, null, record.Error);
            }
        }
    }

    /// <summary>The helpdesk rules for one parsed message, applied to this context (not saved): the ledger row is added too.</summary>
    internal async Task ApplyAsync(Mailbox mailbox, ParsedEmail parsed, InboundEmail record, CancellationToken ct)
    {
        if (record.Id == 0 && db.Entry(record).State == EntityState.Detached) db.InboundEmails.Add(record);
        record.FromAddress = Cut(parsed.From?.Address.ToLowerInvariant(), 254);
        record.Subject = Cut(parsed.Subject, 500);
        await inbound.ApplyAsync(mailbox, parsed, record, ct);
        record.ProcessedAt = Now();
    }

    internal static IngestResult Outcome(InboundEmail record) =>
        new(record.Status == InboundEmailStatus.Ignored ? IngestOutcome.Ignored : IngestOutcome.Ticket, record.Id, record.TicketId, record.Error);

    /// <summary>Back to what the record was before this attempt: a failed save may have handed it an id.</summary>
    internal static void Reset(InboundEmail record, bool isNew)
    {
        if (isNew) record.Id = 0;
        (record.TicketId, record.Ticket, record.MessageId, record.Message) = (null, null, null, null);
        (record.Status, record.Error) = (InboundEmailStatus.Processed, null);
    }

    private Task<bool> IsDuplicateAsync(long inboxId, string key, CancellationToken ct) =>
        db.InboundEmails.AnyAsync(x => x.InboxId == inboxId && x.DedupKey == key, ct);

    private DateTime Now() => clock.GetUtcNow().UtcDateTime;

    internal static string? Cut(string? s, int max) => s is null || s.Length <= max ? s : s[..max];
}
