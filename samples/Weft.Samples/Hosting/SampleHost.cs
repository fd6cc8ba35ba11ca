using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Weft.Samples.Failure;
using Weft.Samples.Http;

namespace Weft.Samples.Hosting;

/// <summary>
/// Runs one sample: reads and checks its environment (all errors, then exit 2), listens where
/// HOST/PORT, --port or LISTEN_ADDRESS say, adds what every sample has (request log, failure
/// switch, <c>/healthz</c>), prints one ready line and serves until SIGTERM.
/// </summary>
public static partial class SampleHost
{
    /// <summary>The ready line starts with this; the listening URL follows it.</summary>
    public const string ReadyMarker = " listening on ";

    public static async Task<int> RunAsync(ISample sample, SampleArguments args, EnvReader env, CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "weft-samples" });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z' ";
            o.UseUtcTimestamp = true;
        });
        // One line per request from us; the framework speaks only when something is wrong.
        builder.Logging.AddFilter((category, level) => level >= LogLevel.Warning
            || (level >= LogLevel.Information && category is not null && category.StartsWith("Weft.", StringComparison.Ordinal)));

        var instance = sample.Configure(builder.Services, env);
        var failure = FailureEndpoints.FromEnvironment(env);
        var listen = ListenEndpoint.Resolve(env, args.Port, sample.DefaultPort);
        if (env.Errors.Count > 0)
        {
            foreach (var e in env.Errors)
                await Console.Error.WriteLineAsync($"weft-samples {sample.Name}: {e}");
            await Console.Error.WriteLineAsync($"weft-samples {sample.Name}: not started ({env.Errors.Count} configuration error{(env.Errors.Count == 1 ? "" : "s")})");
            return 2;
        }

        builder.WebHost.UseKestrel(k =>
        {
            if (listen.Address is null)
                k.ListenAnyIP(listen.Port);
            else
                k.Listen(listen.Address, listen.Port);
            k.AddServerHeader = false;
        });
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(instance);
        builder.Services.AddSingleton(new FailureSwitch(failure));
        builder.Services.AddSingleton<Downstream>();

        await using var app = builder.Build();
        app.UseMiddleware<RequestLog>();
        app.UseMiddleware<FailureMiddleware>();
        FailureEndpoints.Map(app);
        sample.Map(app);

        try
        {
            await app.StartAsync(ct);
        }
        catch (IOException e)
        {
            await Console.Error.WriteLineAsync($"weft-samples {sample.Name}: cannot listen on {listen} ({listen.Source}): {e.Message}");
            return 1;
        }
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? listen.ToString();
        if (failure.IsOn)
            LogFailing(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Weft.Samples.Hosting"), instance.ToString(), failure.Status, failure.Percent);
        Console.Out.WriteLine($"weft-samples: {instance}{ReadyMarker}{url} ({listen.Source})");
        Console.Out.Flush();
        await app.WaitForShutdownAsync(ct);
        return 0;
    }

    [LoggerMessage(7002, LogLevel.Information, "[{Instance}] Failure switch on from FAIL_WITH_5XX: answering {Status} to {Percent}% of requests")]
    private static partial void LogFailing(ILogger log, string instance, int status, int percent);
}
