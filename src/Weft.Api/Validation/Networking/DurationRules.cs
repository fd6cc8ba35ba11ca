using Weft.Api.Model;

namespace Weft.Api.Validation.Networking;

/// <summary>Durations of Istio's networking APIs.</summary>
public static class DurationRules
{
    private static readonly TimeSpan OneMillisecond = TimeSpan.FromMilliseconds(1);

    /// <summary>
    /// A timeout or interval: at least 1ms (the CRD's CEL rule) and whole milliseconds (Envoy's
    /// precision, as Istio's webhook checks).
    /// </summary>
    public static FieldError? AtLeastOneMillisecond(string path, Duration? duration)
    {
        if (Rules.Duration(path, duration, OneMillisecond) is { } error)
            return error;
        if (duration is { } d && d.Value.Ticks % TimeSpan.TicksPerMillisecond != 0)
            return FieldError.Invalid(path, d.Text, "only durations to ms precision are supported");
        return null;
    }

    /// <summary>A duration the CRD does not bound: it must only parse.</summary>
    public static FieldError? Valid(string path, Duration? duration) => Rules.Duration(path, duration);
}
