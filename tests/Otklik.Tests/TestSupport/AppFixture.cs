using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Otklik.Tests.TestSupport;

/// <summary>
/// One app host on one fresh database for a test class. Tests in a class share it, so each
/// test makes its own data (unique emails via <see cref="Unique"/>).
/// </summary>
public abstract class AppFixture(DbProvider provider) : IAsyncLifetime
{
    private TestDatabase? _database;
    private OtklikApp? _app;

    public DbProvider Provider => provider;

    /// <summary>Settings this fixture's app runs with on top of the test defaults.</summary>
    protected virtual IReadOnlyDictionary<string, string> Overrides => new Dictionary<string, string>();
    /// <summary>Serve on a real Kestrel port (WebSockets, browsers) instead of the in-memory test server.</summary>
    protected virtual bool OnKestrel => false;
    public OtklikApp App => _app ?? throw new InvalidOperationException("Fixture not started.");
    public HttpClient Admin { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider);
        _app = new OtklikApp(_database, Overrides);
        if (OnKestrel)
        {
            var port = FreePort();
            _app.UseKestrel(port);
            _app.StartServer();
            _app.ClientOptions.BaseAddress = new Uri($"http://127.0.0.1:{port}");
        }
        Admin = await _app.SignInAsync(OtklikApp.AdminEmail, OtklikApp.AdminPassword);
    }

    public async Task DisposeAsync()
    {
        Admin?.Dispose();
        if (_app is not null) await _app.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public const string AgentPassword = "Agent-password-1";

    public static string Unique(string prefix = "c") => $"{prefix}{Guid.NewGuid():N}"[..(prefix.Length + 12)];

    public async Task<long> CreateTeamAsync(string? name = null) =>
        (await Admin.PostAsJsonAsync("/api/v1/teams", new { name = name ?? Unique("team-") }).Json(HttpStatusCode.Created)).Id();

    /// <summary>Invites an agent with a known password and signs them in.</summary>
    public async Task<(HttpClient Client, long Id)> CreateAgentAsync(string role = "agent", params long[] teamIds)
    {
        var email = Unique("agent") + "@test.local";
        var invited = await Admin.PostAsJsonAsync("/api/v1/agents", new { email, name = "Agent " + email, role, password = AgentPassword, teamIds })
            .Json(HttpStatusCode.Created);
        return (await App.SignInAsync(email, AgentPassword), invited.GetProperty("agent").Id());
    }

    public async Task<JsonElement> CreateTicketAsync(HttpClient? client = null, string? subject = null, string? body = null,
        string? email = null, long? teamId = null, string[]? tags = null)
    {
        var request = new
        {
            subject = subject ?? "Subject " + Unique(),
            customer = new { email = email ?? Unique() + "@customer.test", name = "Customer" },
            message = new { body = body ?? "Hello, I need help." },
            teamId,
            tags,
        };
        return await (client ?? Admin).PostAsJsonAsync("/api/v1/tickets", request).Json(HttpStatusCode.Created);
    }

    public async Task<JsonElement> GetTicketAsync(long id, HttpClient? client = null) =>
        await (client ?? Admin).GetAsync($"/api/v1/tickets/{id}").Json(HttpStatusCode.OK);
}

public sealed class SqliteApp() : AppFixture(DbProvider.Sqlite);

public sealed class PostgresApp() : AppFixture(DbProvider.Postgres);
