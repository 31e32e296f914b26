using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Otklik.Domain;
using Otklik.Events;

namespace Otklik.Data;

/// <summary>
/// The one unit of work. Each use case calls SaveChangesAsync once: that is its
/// transaction. Domain events raised during the use case are dispatched after commit.
/// </summary>
public abstract class OtklikDb(DbContextOptions options) : DbContext(options), IDataProtectionKeyContext
{
    /// <summary>
    /// Set by DI each time a pooled context is handed to a request scope: the dispatcher and its
    /// listeners are scoped, the context outlives scopes in the pool.
    /// </summary>
    public DomainEventDispatcher? Dispatcher { get; set; }

    public DbSet<Agent> Agents => Set<Agent>();
    public DbSet<Team> Teams => Set<Team>();
    public DbSet<TeamMember> TeamMembers => Set<TeamMember>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<CustomerIdentity> CustomerIdentities => Set<CustomerIdentity>();
    public DbSet<CustomerMerge> CustomerMerges => Set<CustomerMerge>();
    public DbSet<DuplicateDismissal> DuplicateDismissals => Set<DuplicateDismissal>();
    public DbSet<Ticket> Tickets => Set<Ticket>();
    public DbSet<Message> Messages => Set<Message>();
    public DbSet<Attachment> Attachments => Set<Attachment>();
    public DbSet<TimelineEvent> TimelineEvents => Set<TimelineEvent>();
    public DbSet<TicketTag> TicketTags => Set<TicketTag>();
    public DbSet<TicketParticipant> TicketParticipants => Set<TicketParticipant>();
    public DbSet<TicketLink> TicketLinks => Set<TicketLink>();
    public DbSet<Inbox> Inboxes => Set<Inbox>();
    public DbSet<Tag> Tags => Set<Tag>();
    public DbSet<CustomFieldDefinition> CustomFields => Set<CustomFieldDefinition>();
    public DbSet<SavedView> SavedViews => Set<SavedView>();
    public DbSet<CannedReply> CannedReplies => Set<CannedReply>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<Webhook> Webhooks => Set<Webhook>();
    public DbSet<Mailbox> Mailboxes => Set<Mailbox>();
    public DbSet<InboundEmail> InboundEmails => Set<InboundEmail>();
    public DbSet<MessageEmail> MessageEmails => Set<MessageEmail>();
    public DbSet<UploadLink> UploadLinks => Set<UploadLink>();
    public DbSet<ChatWidget> ChatWidgets => Set<ChatWidget>();
    public DbSet<ChatVisitor> ChatVisitors => Set<ChatVisitor>();
    public DbSet<ChatMessageRef> ChatMessageRefs => Set<ChatMessageRef>();
    public DbSet<WebForm> WebForms => Set<WebForm>();
    public DbSet<CallbackRequest> CallbackRequests => Set<CallbackRequest>();
    /// <summary>Keys for cookies and encrypted secrets, shared by every node that uses this database.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public abstract bool IsPostgres { get; }

    /// <summary>
    /// Keeps one connection open until disposed, for a use case that reads and then saves. Otherwise every
    /// query and the save each take a pooled connection and give it back, and on PostgreSQL each such
    /// return costs a reset (seven statements, sent with the next command).
    /// </summary>
    public async Task<IAsyncDisposable> HoldConnectionAsync(CancellationToken ct)
    {
        await Database.OpenConnectionAsync(ct);
        return new HeldConnection(this);
    }

    private sealed class HeldConnection(OtklikDb db) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => new(db.Database.CloseConnectionAsync());
    }

    protected override void OnModelCreating(ModelBuilder model)
    {
        OtklikModel.Configure(model, IsPostgres);
        SnakeCase.Apply(model);
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        // Entries() and base.SaveChangesAsync detect changes on every call; detect once here for the bookkeeping
        // below and for the first save (nothing in between changes an entity behind the tracker's back).
        ChangeTracker.DetectChanges();
        var autoDetect = ChangeTracker.AutoDetectChangesEnabled;
        ChangeTracker.AutoDetectChangesEnabled = false;
        SearchIndexChanges searchChanges;
        bool hasEvents;
        try
        {
            BumpVersions();
            searchChanges = SearchIndexChanges.Collect(ChangeTracker);
            hasEvents = ChangeTracker.Entries<Entity>().Any(e => e.Entity.DomainEvents.Count > 0);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
        int written;
        using (Database.CurrentTransaction is null ? await EnterWriteAsync(cancellationToken) : null)
        {
            if (searchChanges.IsEmpty && !hasEvents)
                return await SaveDetectedAsync(acceptAllChangesOnSuccess, cancellationToken);
            var ownTransaction = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
            // In a transaction EF wraps each save in a savepoint (two more round trips). In our own transaction
            // a failure rolls everything back anyway, so the savepoint buys nothing.
            var savepoints = Database.AutoSavepointsEnabled;
            if (ownTransaction is not null) Database.AutoSavepointsEnabled = false;
            try
            {
                written = await SaveDetectedAsync(acceptAllChangesOnSuccess, cancellationToken);
                await WriteSearchIndexAsync(searchChanges, cancellationToken);
                // Durable reactions (webhooks, later notifications) are written in the same transaction:
                // if the commit happens, they will be delivered; if not, they never existed.
                if (hasEvents && Dispatcher is not null && await Dispatcher.BeforeCommitAsync(this, PendingEvents(), cancellationToken))
                    written += await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
                if (ownTransaction is not null) await ownTransaction.CommitAsync(cancellationToken);
            }
            finally
            {
                Database.AutoSavepointsEnabled = savepoints;
                if (ownTransaction is not null) await ownTransaction.DisposeAsync();
            }
        }
        if (Database.CurrentTransaction is null) await DispatchEventsAsync(cancellationToken);
        return written;
    }

    /// <summary>Only for libraries that save synchronously (Data Protection keys); our own code saves async.</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        if (!SearchIndexChanges.Collect(ChangeTracker).IsEmpty || ChangeTracker.Entries<Entity>().Any(e => e.Entity.DomainEvents.Count > 0))
            throw new NotSupportedException("Use SaveChangesAsync: it indexes for search and dispatches domain events.");
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    /// <summary>base.SaveChangesAsync right after SaveChangesAsync detected changes: without detecting them again.</summary>
    private async Task<int> SaveDetectedAsync(bool acceptAllChangesOnSuccess, CancellationToken ct)
    {
        var autoDetect = ChangeTracker.AutoDetectChangesEnabled;
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, ct);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    private List<IDomainEvent> PendingEvents() => EntitiesWithEvents().SelectMany(e => e.DomainEvents).ToList();

    /// <summary>
    /// Tracked entities holding events, read after a save: events live on the objects, not in columns, so the
    /// detection pass Entries() runs by default would find nothing new for them.
    /// </summary>
    private List<Entity> EntitiesWithEvents()
    {
        var autoDetect = ChangeTracker.AutoDetectChangesEnabled;
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            return ChangeTracker.Entries<Entity>().Select(e => e.Entity).Where(e => e.DomainEvents.Count > 0).ToList();
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    /// <summary>Called by code that commits an explicit transaction itself.</summary>
    public Task DispatchEventsAsync(CancellationToken ct)
    {
        var entities = EntitiesWithEvents();
        var events = entities.SelectMany(e => e.DomainEvents).ToList();
        entities.ForEach(e => e.ClearDomainEvents());
        return Dispatcher is null || events.Count == 0 ? Task.CompletedTask : Dispatcher.DispatchAsync(events, ct);
    }

    /// <summary>Held around a save's own transaction; null where the database queues writers well by itself.</summary>
    protected virtual ValueTask<IDisposable?> EnterWriteAsync(CancellationToken ct) => ValueTask.FromResult<IDisposable?>(null);

    /// <summary>Provider-specific upkeep of the full-text index inside the same transaction.</summary>
    protected abstract Task WriteSearchIndexAsync(SearchIndexChanges changes, CancellationToken ct);

    /// <summary>Through the entries, so the tracker knows without another detection pass.</summary>
    private void BumpVersions()
    {
        foreach (var entry in ChangeTracker.Entries<Ticket>().Where(e => e.State == EntityState.Modified))
            entry.Property(t => t.Version).CurrentValue++;
        foreach (var entry in ChangeTracker.Entries<Customer>().Where(e => e.State == EntityState.Modified))
            entry.Property(c => c.Version).CurrentValue++;
    }
}
