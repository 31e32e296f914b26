using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Otklik.Data;
using Otklik.Infrastructure.Auth;

namespace Otklik.Web.Components;

/// <summary>
/// Base for workspace pages. Every database call gets its own DI scope: a circuit lives for
/// hours and live events arrive while another load is still running, which a single
/// circuit-wide DbContext cannot take (and its change tracker would go stale).
/// </summary>
public abstract class WorkspaceComponent : ComponentBase
{
    [Inject] private IServiceScopeFactory Scopes { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;
    private Caller? _me;

    protected async Task<Caller> MeAsync() =>
        _me ??= Caller.From((await AuthState).User) ?? throw new InvalidOperationException("Workspace page reached without a signed-in agent.");

    protected async Task<T> RunAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Scopes.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    protected Task<T> DbAsync<T>(Func<OtklikDb, Task<T>> work) => RunAsync(sp => work(sp.GetRequiredService<OtklikDb>()));

    protected static T Get<T>(IServiceProvider sp) where T : notnull => sp.GetRequiredService<T>();
}
