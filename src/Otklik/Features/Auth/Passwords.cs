using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Otklik.Domain;

namespace Otklik.Features.Auth;

/// <summary>ASP.NET Core Identity's PBKDF2 hasher; a hash upgrades itself when the defaults get stronger.</summary>
public static class Passwords
{
    public const int MinLength = 10;
    private static readonly PasswordHasher<Agent> Hasher = new();

    public static void Set(Agent agent, string password)
    {
        agent.PasswordHash = Hasher.HashPassword(agent, password);
        agent.SecurityStamp = Guid.NewGuid().ToString("N");
    }

    public static bool Verify(Agent agent, string password) =>
        agent.PasswordHash.Length > 0 && Hasher.VerifyHashedPassword(agent, agent.PasswordHash, password) != PasswordVerificationResult.Failed;

    /// <summary>Readable, 16 characters from an alphabet without look-alikes.</summary>
    public static string Generate()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789";
        return new string(Enumerable.Range(0, 16).Select(_ => alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)]).ToArray());
    }

    public static string? Weakness(string? password) =>
        password is null || password.Length < MinLength ? $"The password must be at least {MinLength} characters long."
        : password.Length > 200 ? "The password must be at most 200 characters long." : null;
}
