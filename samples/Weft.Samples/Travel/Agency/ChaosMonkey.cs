namespace Weft.Samples.Travel.Agency;

/// <summary>
/// The demo's chaos monkey: with <c>CHAOS_MONKEY=true</c> a service waits
/// <c>CHAOS_MONKEY_SLEEP</c> ms (default 500) before it answers the requests it targets.
/// travels targets a city or user (CHAOS_MONKEY_CITY, CHAOS_MONKEY_USER), and every quote when
/// neither is set; the other agency services target a portal, device or user
/// (CHAOS_MONKEY_PORTAL, _DEVICE, _USER), and every request that carries none of those headers.
/// </summary>
public sealed class ChaosMonkey(bool on, TimeSpan sleep, string? city, string? portal, string? device, string? user, TimeProvider time)
{
    public static ChaosMonkey FromEnvironment(Hosting.EnvReader env, TimeProvider time)
    {
        var on = env.Flag("CHAOS_MONKEY");
        var sleep = TimeSpan.FromMilliseconds(env.Int("CHAOS_MONKEY_SLEEP", 500, 0, 600_000));
        return new ChaosMonkey(on, sleep, env.Text("CHAOS_MONKEY_CITY"), env.Text("CHAOS_MONKEY_PORTAL"),
            env.Text("CHAOS_MONKEY_DEVICE"), env.Text("CHAOS_MONKEY_USER"), time);
    }

    public bool On => on;

    public TimeSpan Sleep => sleep;

    /// <summary>travels: waits when the quote's city or user is the target, or when no target is set.</summary>
    public Task BeforeQuoteAsync(string requestCity, string requestUser, CancellationToken ct) =>
        on && (Matches(requestCity, city) || Matches(requestUser, user) || (city is null && user is null))
            ? Task.Delay(sleep, time, ct)
            : Task.CompletedTask;

    /// <summary>The other agency services: waits when a header is the target, or when the request has none of them.</summary>
    public Task BeforeAnswerAsync(string requestPortal, string requestDevice, string requestUser, CancellationToken ct) =>
        on && (Matches(requestPortal, portal) || Matches(requestDevice, device) || Matches(requestUser, user)
               || (requestPortal.Length == 0 && requestDevice.Length == 0 && requestUser.Length == 0))
            ? Task.Delay(sleep, time, ct)
            : Task.CompletedTask;

    private static bool Matches(string value, string? target) => value.Length > 0 && value == target;
}
