using System.Security.Cryptography;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Otklik.Data;
using Otklik.Domain;

namespace Otklik.Infrastructure.Auth;

/// <summary>
/// "Authorization: Bearer otk_…". Looked up on every request, so a revoked token or a
/// deactivated agent stops working at once, on every node.
/// </summary>
public sealed class ApiTokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, OtklikDb db, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";
    public const string TokenPrefix = "otk_";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var secret = SecretOf(Request);
        if (secret is null) return AuthenticateResult.NoResult();
        if (!secret.StartsWith(TokenPrefix, StringComparison.Ordinal)) return AuthenticateResult.Fail("Malformed token.");

        var hash = Hash(secret);
        // Still read from the database on every request (no cache: revocation must bite at once), but untracked
        // and precompiled: no change tracking to undo, and no query-cache lookup of the expression tree.
        var token = await (db.IsPostgres ? PostgresLookup : SqliteLookup)(db, hash, Context.RequestAborted);
        if (token?.Agent is null || token.RevokedAt is not null || !token.Agent.IsActive)
            return AuthenticateResult.Fail("The token is unknown, revoked, or its agent is deactivated.");

        var now = clock.GetUtcNow().UtcDateTime;
        if (token.LastUsedAt is null || now - token.LastUsedAt > TimeSpan.FromMinutes(5))
        {
            // Coarse on purpose: a write per request would double the cost of every API call.
            await db.ApiTokens.Where(t => t.Id == token.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), Context.RequestAborted);
        }
        var principal = new ClaimsPrincipal(Caller.IdentityOf(token.Agent, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    /// <summary>
    /// The bearer header; for the SignalR hub also ?access_token=, because browsers cannot
    /// set headers on WebSocket requests.
    /// </summary>
    private sealed record TokenRow(long Id, DateTime? RevokedAt, DateTime? LastUsedAt, Agent? Agent);

    // A compiled query is bound to the model it first ran with; one per provider.
    private static Func<OtklikDb, string, CancellationToken, Task<TokenRow?>> Lookup() => EF.CompileAsyncQuery(
        (OtklikDb db, string hash, CancellationToken _) => db.ApiTokens.AsNoTracking().Where(t => t.Hash == hash)
            .Select(t => new TokenRow(t.Id, t.RevokedAt, t.LastUsedAt, t.Agent)).FirstOrDefault());

    private static readonly Func<OtklikDb, string, CancellationToken, Task<TokenRow?>> PostgresLookup = Lookup(), SqliteLookup = Lookup();

    public static string? SecretOf(HttpRequest request)
    {
        string? header = request.Headers.Authorization;
        if (header is not null && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return header["Bearer ".Length..].Trim();
        if (request.Path.StartsWithSegments("/hubs") && request.Query["access_token"].ToString() is { Length: > 0 } token) return token;
        return null;
    }

    public static (string Secret, string Hash, string Prefix) NewToken()
    {
        var secret = TokenPrefix + Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        return (secret, Hash(secret), secret[..(TokenPrefix.Length + 6)]);
    }

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
