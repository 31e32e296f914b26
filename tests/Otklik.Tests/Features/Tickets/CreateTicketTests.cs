using System.Net;
using System.Net.Http.Json;
using Otklik.Tests.TestSupport;

namespace Otklik.Tests.Features.Tickets;

public abstract class CreateTicketTests(AppFixture f)
{
    [Fact]
    public async Task Create_WithValidRequest_ReturnsTicketWithFirstMessage()
    {
        var ticket = await f.CreateTicketAsync(subject: "Printer on fire", body: "It smokes.", tags: ["Hardware", " urgent issue "]);
        Assert.Equal("Printer on fire", ticket.Str("subject"));
        Assert.Equal("new", ticket.Str("status"));
        var message = Assert.Single(ticket.GetProperty("messages").EnumerateArray());
        Assert.Equal("It smokes.", message.Str("body"));
        Assert.Equal("inbound", message.Str("kind"));
        Assert.Equal(["hardware", "urgent-issue"], ticket.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
    }
}

public sealed class CreateTicketTests_Sqlite(SqliteApp f) : CreateTicketTests(f), IClassFixture<SqliteApp>;

public sealed class CreateTicketTests_Postgres(PostgresApp f) : CreateTicketTests(f), IClassFixture<PostgresApp>;
