using Microsoft.EntityFrameworkCore;
using Otklik.Domain;

namespace Otklik.Data;

/// <summary>Tables of the chat channel: widgets, visitors, and the widget's message ids for de-duplication.</summary>
internal static class ChatModel
{
    public static void Configure(ModelBuilder model)
    {
        model.Entity<ChatWidget>(e =>
        {
            e.HasIndex(w => w.InboxId).IsUnique();
            e.HasIndex(w => w.PublicKey).IsUnique();
            e.HasOne(w => w.Inbox).WithMany().HasForeignKey(w => w.InboxId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Inbox>().WithMany().HasForeignKey(w => w.EmailInboxId).OnDelete(DeleteBehavior.SetNull);
            e.Property(w => w.PublicKey).HasMaxLength(64);
            e.Property(w => w.AllowedOrigins).HasMaxLength(4000);
            e.Ignore(w => w.Origins);
        });
        model.Entity<ChatVisitor>(e =>
        {
            e.HasIndex(v => v.PublicId).IsUnique();
            e.HasIndex(v => v.TicketId);
            e.HasIndex(v => new { v.CustomerId, v.CreatedAt });
            e.HasOne<Inbox>().WithMany().HasForeignKey(v => v.InboxId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(v => v.Customer).WithMany().HasForeignKey(v => v.CustomerId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(v => v.Ticket).WithMany().HasForeignKey(v => v.TicketId).OnDelete(DeleteBehavior.SetNull);
            e.Property(v => v.PublicId).HasMaxLength(64);
            e.Property(v => v.PageUrl).HasMaxLength(2000);
            e.Property(v => v.Referrer).HasMaxLength(2000);
            e.Property(v => v.UserAgent).HasMaxLength(500);
            e.Property(v => v.Language).HasMaxLength(16);
        });
        model.Entity<ChatMessageRef>(e =>
        {
            e.HasKey(r => new { r.VisitorId, r.ClientId });
            e.Property(r => r.ClientId).HasMaxLength(64);
            e.HasOne<ChatVisitor>().WithMany().HasForeignKey(r => r.VisitorId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(r => r.Message).WithMany().HasForeignKey(r => r.MessageId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
