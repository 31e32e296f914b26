using Otklik.Infrastructure;
using Otklik.Jobs;

var demo = args.Contains("--demo");
// Settings ship beside the binary; data goes under the working directory (Otklik:DataPath).
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args.Where(a => a != "--demo").ToArray(),
    ContentRootPath = AppContext.BaseDirectory,
});
builder.AddOtklik();

var app = builder.Build();
await FirstStart.RunAsync(app.Services, demo);
app.UseOtklik();
await app.RunAsync();

public partial class Program;
