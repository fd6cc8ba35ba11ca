using Weft.Samples.Hosting;

namespace Weft.Samples.Bookinfo.Reviews;

/// <summary>
/// What a reviews version does, as Istio's three images: v1 shows no ratings, v2 calls ratings
/// and shows black stars, v3 calls ratings and shows red stars. ENABLE_RATINGS and STAR_COLOR
/// (the variables Istio's image reads) override the version's choice.
/// RatingsTimeout is Istio's: reviews waits 10 s for ratings with black stars and 2.5 s with
/// red ones, and the fault-injection task depends on that.
/// </summary>
public sealed record ReviewsFlavor(bool RatingsEnabled, string StarColor, TimeSpan RatingsTimeout)
{
    public static ReviewsFlavor FromEnvironment(EnvReader env, string version)
    {
        var enabled = version is "v2" or "v3";
        if (env.Text("ENABLE_RATINGS") is { } e)
            enabled = string.Equals(e, "true", StringComparison.OrdinalIgnoreCase);
        var color = env.Text("STAR_COLOR") ?? (version == "v3" ? "red" : "black");
        var timeout = color == "black" ? TimeSpan.FromSeconds(10) : TimeSpan.FromMilliseconds(2500);
        return new ReviewsFlavor(enabled, color, timeout);
    }
}
