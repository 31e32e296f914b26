using Microsoft.EntityFrameworkCore;
using Otklik.Domain;

namespace Otklik.Data;

/// <summary>Tables of the email channel: mailboxes, the inbound ledger, message envelopes, upload links.</summary>
internal static class EmailModel
{
    public static void Configure(ModelBuilder model)
    {
        model.Entity<Mailbox>(e =>
        {
            e.HasIndex(m => m.InboxId).IsUnique();
            e.HasOne(m => m.Inbox).WithMany().HasForeignKey(m => m.InboxId).OnDelete(DeleteBehavior.Cascade);
            e.Property(m => m.Address).HasMaxLength(254);
            e.Property(m => m.Folder).HasMaxLength(200);
            e.Property(m => m.SentFolder).HasMaxLength(200);
        });
        model.Entity<InboundEmail>(e =>
        {
            e.HasIndex(x => new { x.InboxId, x.DedupKey }).IsUnique();
            e.HasIndex(x => new { x.InboxId, x.SourceUid });
            e.HasIndex(x => new { x.Status, x.ReceivedAt });
            e.HasIndex(x => new { x.InboxId, x.FromAddress, x.ReceivedAt });
            e.HasOne(x => x.Ticket).WithMany().HasForeignKey(x => x.TicketId).OnDelete(DeleteBehavior.SetNull);
            e.HasOne(x => x.Message).WithMany().HasForeignKey(x => x.MessageId).OnDelete(DeleteBehavior.SetNull);
            e.Property(x => x.MessageIdHeader).HasMaxLength(998);
            e.Property(x => x.Subject).HasMaxLength(500);
            e.Property(x => x.FromAddress).HasMaxLength(254);
            e.Property(x => x.Source).HasMaxLength(10);
            e.Property(x => x.SourceUid).HasMaxLength(100);
            e.Property(x => x.DedupKey).HasMaxLength(100);
            e.Property(x => x.RawSha256).HasMaxLength(64);
        });
        model.Entity<MessageEmail>(e =>
        {
            e.HasKey(x => x.MessageId);
            e.HasOne<Message>().WithOne(m => m.Email).HasForeignKey<MessageEmail>(x => x.MessageId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<UploadLink>(e =>
        {
            e.HasIndex(x => x.TokenHash).IsUnique();
            e.HasOne<Ticket>().WithMany().HasForeignKey(x => x.TicketId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
