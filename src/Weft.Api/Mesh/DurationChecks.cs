using Weft.Api.Model;
using Weft.Api.Validation;

namespace Weft.Api.Mesh;

/// <summary>Istio's duration checks for mesh settings (agent.ValidateDuration and its ranges).</summary>
internal static class DurationChecks
{
    private static readonly TimeSpan Millisecond = TimeSpan.FromMilliseconds(1);

    /// <summary>At least 1ms, in whole milliseconds, and at most <paramref name="max"/> when given.</summary>
    public static FieldError? Positive(string path, Duration? duration, TimeSpan? max = null)
    {
        if (duration is not { } d)
            return null;
        if (!d.TryGetValue(out var v) || v < Millisecond)
            return FieldError.Invalid(path, d.Text, "must be a valid duration greater than 1ms");
        if (v.Ticks % TimeSpan.TicksPerMillisecond != 0)
            return FieldError.Invalid(path, d.Text, "only durations to ms precision are supported");
        if (max is { } m && v > m)
            return FieldError.Invalid(path, d.Text, $"must be at most {Duration.Format(m)}");
        return null;
    }

    /// <summary>Zero (disabled) or <see cref="Positive"/>.</summary>
    public static FieldError? ZeroOrPositive(string path, Duration? duration) =>
        duration is { } d && d.TryGetValue(out var v) && v == TimeSpan.Zero ? null : Positive(path, duration);
}
