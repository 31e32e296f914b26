using Microsoft.EntityFrameworkCore;
using Otklik.Domain;

namespace Otklik.Data;

/// <summary>Tables of the web form and callback channel: one form row per inbox, one call task per callback ticket.</summary>
internal static class FormsModel
{
    public static void Configure(ModelBuilder model)
    {
        model.Entity<WebForm>(e =>
        {
            e.HasIndex(f => f.InboxId).IsUnique();
            e.HasIndex(f => f.Key).IsUnique();
            e.Property(f => f.Key).HasMaxLength(WebForm.KeyLength);
            e.Property(f => f.Title).HasMaxLength(200);
            e.HasOne(f => f.Inbox).WithMany().HasForeignKey(f => f.InboxId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<CallbackRequest>(e =>
        {
            e.HasIndex(c => c.TicketId).IsUnique();
            // "Callbacks due": open tasks, soonest window end first.
            e.HasIndex(c => new { c.LastOutcome, c.WindowEnd });
            e.Property(c => c.Phone).HasMaxLength(16);
            e.Property(c => c.TimeZone).HasMaxLength(64);
            e.HasOne(c => c.Ticket).WithMany().HasForeignKey(c => c.TicketId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
