namespace Otklik.Web.Components;

/// <summary>
/// Keyboard shortcuts for the circuit. The layout owns the one browser listener (wired
/// before the workspace reports itself interactive); the page on screen handles the keys.
/// </summary>
public sealed class Shortcuts
{
    private Func<string, Task>? _handler;

    public IDisposable Handle(Func<string, Task> handler)
    {
        _handler = handler;
        return new Release(this, handler);
    }

    public Task PressAsync(string key) => _handler?.Invoke(key) ?? Task.CompletedTask;

    // The next page subscribes before the previous one is disposed; only the owner may clear.
    private sealed class Release(Shortcuts owner, Func<string, Task> handler) : IDisposable
    {
        public void Dispose()
        {
            if (owner._handler == handler) owner._handler = null;
        }
    }
}
