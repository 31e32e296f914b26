using Otklik.Domain;

namespace Otklik.Channels.Email;

/// <summary>A message handed over by the MTA pipe, its raw bytes already kept, waiting in <see cref="InboundQueue"/> for a transaction.</summary>
/// <param name="Parsed">Null when parsing failed on the way in: the message then goes alone, and the ledger records why.</param>
public sealed record PendingMail(Mailbox Mailbox, byte[] Raw, InboundEmail Record, ParsedEmail? Parsed)
{
    /// <summary>
    /// What this message may read or create in the database: people (sender, To, Cc), the conversation (its own
    /// Message-ID, the ids it answers, a ticket token) and its ledger key. Two messages in one transaction must not
    /// share any, because neither would see what the other is about to create — two profiles for one new sender,
    /// or a reply missing its parent.
    /// </summary>
    public IEnumerable<string> Touches()
    {
        yield return $"dedup:{Record.InboxId}:{Record.DedupKey}";
        if (Parsed is null) yield break;
        // The inbox's own address is on nearly every message and is never a customer.
        foreach (var address in Parsed.To.Concat(Parsed.Cc).Append(Parsed.From).OfType<MailAddress>()
                     .Where(a => !a.Address.Equals(Mailbox.Address, StringComparison.OrdinalIgnoreCase)))
            yield return $"person:{CustomerIdentity.Normalize(IdentityKind.Email, address.Address)}";
        foreach (var id in Parsed.References.Append(Parsed.InReplyTo).Append(Parsed.MessageId).OfType<string>())
            yield return $"message:{id}";
        if (TicketToken.Find(Parsed.Subject) is { } number) yield return $"ticket:{number}";
    }
}
