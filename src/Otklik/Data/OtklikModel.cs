using Microsoft.EntityFrameworkCore;
using Otklik.Domain;

namespace Otklik.Data;

internal static class OtklikModel
{
    public static void Configure(ModelBuilder model, bool postgres)
    {
        model.Entity<Agent>(e =>
        {
            e.Property(a => a.Email).HasMaxLength(254);
            e.HasIndex(a => a.Email).IsUnique();
            e.Property(a => a.Name).HasMaxLength(200);
            e.Property(a => a.Language).HasMaxLength(8);
            e.Property(a => a.TimeZone).HasMaxLength(64);
        });
        model.Entity<Team>(e =>
        {
            e.Property(t => t.Name).HasMaxLength(100);
            e.HasIndex(t => t.Name).IsUnique();
        });
        model.Entity<TeamMember>(e =>
        {
            e.HasKey(m => new { m.TeamId, m.AgentId });
            e.HasOne(m => m.Team).WithMany(t => t.Members).HasForeignKey(m => m.TeamId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(m => m.Agent).WithMany(a => a.Teams).HasForeignKey(m => m.AgentId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<ApiToken>(e =>
        {
            e.HasIndex(t => t.Hash).IsUnique();
            e.HasIndex(t => t.AgentId);
            e.Property(t => t.Name).HasMaxLength(100);
        });
        model.Entity<Organisation>(e => e.Property(o => o.Name).HasMaxLength(200));
        model.Entity<Customer>(e =>
        {
            e.Property(c => c.Name).HasMaxLength(200);
            e.Property(c => c.Version).IsConcurrencyToken();
            e.HasMany(c => c.Identities).WithOne().HasForeignKey(i => i.CustomerId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(c => c.Name);
            e.Ignore(c => c.PrimaryEmail);
            if (postgres) SearchVector(e, "search_text");
        });
        model.Entity<CustomerIdentity>(e =>
        {
            e.Property(i => i.Value).HasMaxLength(320);
            e.HasIndex(i => new { i.Kind, i.Value }).IsUnique();
            e.Property(i => i.MatchKey).HasMaxLength(330);
            e.HasIndex(i => i.MatchKey);
        });
        model.Entity<CustomerMerge>(e =>
        {
            e.HasIndex(m => m.SourceId);
            e.HasIndex(m => m.TargetId);
            e.Property(m => m.Reason).HasMaxLength(32);
            e.HasOne<Customer>().WithMany().HasForeignKey(m => m.SourceId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Customer>().WithMany().HasForeignKey(m => m.TargetId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<DuplicateDismissal>(e =>
        {
            e.HasIndex(d => new { d.CustomerId, d.OtherCustomerId }).IsUnique();
            e.HasIndex(d => d.OtherCustomerId);
        });
        model.Entity<Ticket>(e =>
        {
            e.Property(t => t.Subject).HasMaxLength(TicketLimits.Subject);
            e.Property(t => t.UnverifiedContact).HasMaxLength(320);
            e.Property(t => t.Version).IsConcurrencyToken();
            e.HasOne(t => t.Customer).WithMany().HasForeignKey(t => t.CustomerId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(t => t.Assignee).WithMany().HasForeignKey(t => t.AssigneeId).OnDelete(DeleteBehavior.SetNull);
            e.HasOne(t => t.Team).WithMany().HasForeignKey(t => t.TeamId).OnDelete(DeleteBehavior.SetNull);
            e.HasOne(t => t.Inbox).WithMany().HasForeignKey(t => t.InboxId).OnDelete(DeleteBehavior.SetNull);
            e.HasMany(t => t.Messages).WithOne(m => m.Ticket).HasForeignKey(m => m.TicketId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(t => t.Timeline).WithOne(x => x.Ticket).HasForeignKey(x => x.TicketId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(t => t.Tags).WithOne().HasForeignKey(x => x.TicketId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(t => t.Participants).WithOne().HasForeignKey(x => x.TicketId).OnDelete(DeleteBehavior.Cascade);
            // The inbox lists: by status, assignee and team, newest activity first.
            e.HasIndex(t => new { t.Status, t.LastMessageAt });
            e.HasIndex(t => new { t.AssigneeId, t.Status, t.LastMessageAt });
            e.HasIndex(t => new { t.TeamId, t.Status, t.LastMessageAt });
            e.HasIndex(t => new { t.CustomerId, t.CreatedAt });
            if (postgres) SearchVector(e, "subject");
        });
        model.Entity<Message>(e =>
        {
            e.Property(m => m.ExternalId).HasMaxLength(998);
            e.HasIndex(m => new { m.TicketId, m.CreatedAt });
            e.HasIndex(m => m.ExternalId);
            e.HasOne(m => m.AuthorAgent).WithMany().HasForeignKey(m => m.AuthorAgentId).OnDelete(DeleteBehavior.SetNull);
            e.HasOne(m => m.AuthorCustomer).WithMany().HasForeignKey(m => m.AuthorCustomerId).OnDelete(DeleteBehavior.SetNull);
            e.HasMany(m => m.Attachments).WithOne().HasForeignKey(a => a.MessageId).OnDelete(DeleteBehavior.Cascade);
            if (postgres) SearchVector(e, "body_text");
        });
        model.Entity<Attachment>(e =>
        {
            e.Property(a => a.FileName).HasMaxLength(255);
            e.Property(a => a.ContentType).HasMaxLength(100);
            e.HasIndex(a => a.UploadedByAgentId);
        });
        model.Entity<TimelineEvent>(e => e.HasIndex(x => new { x.TicketId, x.At }));
        model.Entity<TicketTag>(e =>
        {
            e.HasKey(t => new { t.TicketId, t.Name });
            e.Property(t => t.Name).HasMaxLength(TicketLimits.Tag);
            e.HasIndex(t => t.Name);
        });
        model.Entity<TicketParticipant>(e =>
        {
            e.HasKey(p => new { p.TicketId, p.CustomerId });
            e.HasOne(p => p.Customer).WithMany().HasForeignKey(p => p.CustomerId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<TicketLink>(e =>
        {
            e.HasKey(l => new { l.TicketId, l.LinkedTicketId });
            e.HasOne<Ticket>().WithMany().HasForeignKey(l => l.TicketId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(l => l.LinkedTicket).WithMany().HasForeignKey(l => l.LinkedTicketId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<Inbox>(e =>
        {
            e.Property(i => i.Name).HasMaxLength(100);
            // SQLite can add a foreign key only by rebuilding the table outside a transaction; inboxes are deactivated, never
            // deleted, and a reply mailbox that is gone reads as "no mailbox", so SQLite keeps the id without the constraint.
            if (postgres) e.HasOne<Inbox>().WithMany().HasForeignKey(i => i.ReplyInboxId).OnDelete(DeleteBehavior.SetNull);
            else e.HasIndex(i => i.ReplyInboxId);
        });
        model.Entity<Tag>(e => e.HasIndex(t => t.Name).IsUnique());
        model.Entity<CustomFieldDefinition>(e => e.HasIndex(f => f.Key).IsUnique());
        model.Entity<SavedView>(e => e.HasIndex(v => v.AgentId));
        model.Entity<CannedReply>(e =>
        {
            e.Property(c => c.Title).HasMaxLength(CannedReply.TitleLimit);
            e.Property(c => c.Body).HasMaxLength(CannedReply.BodyLimit);
            e.HasIndex(c => c.OwnerAgentId);
            e.HasOne<Agent>().WithMany().HasForeignKey(c => c.OwnerAgentId).OnDelete(DeleteBehavior.Cascade);
            e.Ignore(c => c.IsShared);
        });
        model.Entity<Webhook>(e => e.Property(h => h.Url).HasMaxLength(2000));
        model.Entity<OutboxMessage>(e => e.HasIndex(o => new { o.ProcessedAt, o.FailedAt, o.AvailableAt }));
        model.Entity<IdempotencyRecord>(e =>
        {
            e.HasIndex(r => new { r.AgentId, r.Key }).IsUnique();
            e.Property(r => r.Key).HasMaxLength(200);
            e.HasOne(r => r.Ticket).WithMany().HasForeignKey(r => r.TicketId).OnDelete(DeleteBehavior.Cascade);
        });
        EmailModel.Configure(model);
        ChatModel.Configure(model);
        FormsModel.Configure(model);
    }

    /// <summary>
    /// A stored tsvector kept by PostgreSQL itself. The 'russian' configuration stems
    /// Cyrillic words with the Russian Snowball stemmer and Latin words with the English one.
    /// </summary>
    private static void SearchVector<T>(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<T> e, string column) where T : class
    {
        e.Property<NpgsqlTypes.NpgsqlTsVector>("SearchVector")
            .HasComputedColumnSql($"to_tsvector('russian', coalesce({column}, ''))", stored: true);
        e.HasIndex("SearchVector").HasMethod("GIN");
    }
}

public static class TicketLimits
{
    public const int Subject = 250;
    public const int Tag = 50;
    public const int Body = 100_000;
    public const int Name = 200;
}
