namespace Otklik.Features.WebForms;

public static class WebFormsSetup
{
    public static IServiceCollection AddWebForms(this IServiceCollection services)
    {
        services.AddOptions<WebFormOptions>().BindConfiguration(WebFormOptions.Section);
        services.AddSingleton<FormToken>();
        services.AddScoped<SubmitWebForm.Handler>();
        services.AddScoped<Callbacks.RequestCallback.Handler>();
        services.AddScoped<Callbacks.LogCallAttempt.Handler>();
        return services;
    }
}
