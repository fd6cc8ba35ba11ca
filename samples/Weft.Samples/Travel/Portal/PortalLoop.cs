using Weft.Samples.Http;

namespace Weft.Samples.Travel.Portal;

/// <summary>
/// The portal's load: forever, pick device/user/travel by the settings' shares, get the city
/// list from travels, pick a city at random, get its quote (both calls carry the portal,
/// device, user and travel headers; no trace headers: the portal is where traces start), then
/// pause <see cref="PortalSettings.Pause"/>. A settings change cuts the pause in progress to
/// the new one, so the dashboard's sliders act at once.
/// </summary>
public sealed partial class PortalLoop(PortalState state, PortalOptions options, Downstream downstream, TimeProvider time, ILogger<PortalLoop> log)
    : BackgroundService
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);

    private readonly Random _random = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await IterateAsync(stoppingToken);
                await PauseAsync(time.GetTimestamp(), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task IterateAsync(CancellationToken ct)
    {
        var request = state.Next();
        var headers = Forwarded.None
            .With("portal", options.Name).With("device", request.Device)
            .With("user", request.User).With("travel", request.Travel);
        var list = await downstream.GetAsync($"{options.TravelsAgency}/travels", headers, CallTimeout, ct);
        var cities = list.Ok ? list.Json(SampleJson.Default.ListCityEntry) : null;
        if (cities is null || cities.Count == 0)
        {
            LogNoDestinations(log, options.Name, list.Describe());
            return;
        }
        state.Destinations = cities;
        var city = cities[_random.Next(cities.Count)].City;
        var quote = await downstream.GetAsync($"{options.TravelsAgency}/travels/{Uri.EscapeDataString(city)}", headers, CallTimeout, ct);
        if (quote.Ok)
            state.RecordQuote(city, request);
        else
            LogNoQuote(log, options.Name, city, quote.Describe());
    }

    private async Task PauseAsync(long finished, CancellationToken stoppingToken)
    {
        while (true)
        {
            var changed = state.SettingsChanged;
            var left = state.Settings.Pause - time.GetElapsedTime(finished);
            if (left <= TimeSpan.Zero)
                return;
            using var either = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, changed);
            try
            {
                await Task.Delay(left, time, either.Token);
                return;
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                // New settings: measure the pause again from the end of the last quote.
            }
        }
    }

    [LoggerMessage(7401, LogLevel.Warning, "[{Portal}] No destinations from the agency: {Reason}")]
    private static partial void LogNoDestinations(ILogger log, string portal, string reason);

    [LoggerMessage(7402, LogLevel.Warning, "[{Portal}] No quote for {City}: {Reason}")]
    private static partial void LogNoQuote(ILogger log, string portal, string city, string reason);
}
