using Otklik.Events;
using Otklik.Jobs;

namespace Otklik.Channels.Chat;

public static class ChatChannelSetup
{
    public static IServiceCollection AddChatChannel(this IServiceCollection services)
    {
        services.AddOptions<ChatOptions>().BindConfiguration(ChatOptions.Section);
        services.AddSingleton<VisitorTokens>();
        services.AddSingleton<VisitorPresence>();
        services.AddSingleton<ChatLimits>();
        services.AddSingleton<ChatReadMarks>();
        services.AddHostedService(sp => sp.GetRequiredService<ChatReadMarks>());
        services.AddScoped<VisitorSessions>();
        services.AddScoped<VisitorConversation>();
        services.AddSingleton<VisitorMessages>();
        services.AddHostedService(sp => sp.GetRequiredService<VisitorMessages>());
        services.AddScoped<VisitorContacts>();
        services.AddScoped<ChatAvailability>();
        services.AddScoped<IDomainEventListener, ChatRelay>();
        services.AddScoped<IBeforeCommitListener, ChatOutbox>();
        services.AddScoped<IOutboxHandler, ChatFollowUp>();
        services.AddScoped<IOutboxHandler, ChatTranscript>();
        services.AddScoped<ChatEnding>();
        services.AddSingleton<AvailabilityPush>();
        services.AddHostedService(sp => sp.GetRequiredService<AvailabilityPush>());
        return services;
    }

    /// <summary>The widget's endpoints and the visitor hub, behind its gate.</summary>
    public static void MapChatChannel(this WebApplication app)
    {
        app.UseMiddleware<VisitorHubGate>();
        WidgetEndpoints.Map(app);
        app.MapHub<VisitorHub>(VisitorHubGate.Path);
    }
}
