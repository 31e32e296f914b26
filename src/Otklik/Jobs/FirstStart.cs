using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Otklik.Data;
using Otklik.Domain;
using Otklik.Features.Auth;
using Otklik.Infrastructure;

namespace Otklik.Jobs;

/// <summary>Runs before the app serves requests: schema, first admin, demo data when asked.</summary>
public static class FirstStart
{
    public static async Task RunAsync(IServiceProvider services, bool demoSwitch, CancellationToken ct = default)
    {
        using var scope = services.CreateScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<OtklikDb>();
        var options = sp.GetRequiredService<IOptions<OtklikOptions>>().Value;
        var log = sp.GetRequiredService<ILoggerFactory>().CreateLogger("Otklik.FirstStart");
        var clock = sp.GetRequiredService<TimeProvider>();

        await DatabaseSetup.MigrateAsync(db, ct);
        await EnsureAdminAsync(db, options.Admin, clock.GetUtcNow().UtcDateTime, log, ct);
        if (options.Demo || demoSwitch)
            await sp.GetRequiredService<DemoData>().FillAsync(ct);
    }

    private static async Task EnsureAdminAsync(OtklikDb db, AdminOptions admin, DateTime now, ILogger log, CancellationToken ct)
    {
        if (await db.Agents.AnyAsync(a => a.Role == AgentRole.Admin && a.IsActive, ct)) return;
        var email = string.IsNullOrWhiteSpace(admin.Email) ? "admin@otklik.local" : admin.Email.Trim().ToLowerInvariant();
        var generated = string.IsNullOrEmpty(admin.Password);
        var password = generated ? Passwords.Generate() : admin.Password!;
        var agent = await db.Agents.AsTracking().FirstOrDefaultAsync(a => a.Email == email, ct);
        if (agent is null)
        {
            agent = new Agent { Email = email, Name = admin.Name, Role = AgentRole.Admin, CreatedAt = now };
            db.Agents.Add(agent);
        }
        agent.Role = AgentRole.Admin;
        agent.IsActive = true;
        Passwords.Set(agent, password);
        await db.SaveChangesAsync(ct);
        if (generated)
        {
            // Printed once, to the console only: it is the sole way into a fresh deployment.
            Console.WriteLine();
            Console.WriteLine("==============================================================");
            Console.WriteLine($" Otklik admin created: {email}");
            Console.WriteLine($" Password (shown once): {password}");
            Console.WriteLine("==============================================================");
            Console.WriteLine();
        }
        else log.LogInformation("Admin {Email} created from configuration", email);
    }
}
