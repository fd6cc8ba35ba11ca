using Weft.Api.Model.Networking;

namespace Weft.Api.Validation.Networking;

/// <summary>Outlier detection: intervals of at least 1ms, percentages in 0..100, HTTP error codes.</summary>
internal static class OutlierDetectionRules
{
    public static void Check(ErrorList errors, string path, OutlierDetection? od)
    {
        if (od is null)
            return;
        errors.Add(DurationRules.AtLeastOneMillisecond(FieldPath.Child(path, "baseEjectionTime"), od.BaseEjectionTime));
        errors.Add(DurationRules.AtLeastOneMillisecond(FieldPath.Child(path, "interval"), od.Interval));
        // Local-origin failures are only counted apart when they are split from upstream errors.
        if (od.SplitExternalLocalOriginErrors != true && od.ConsecutiveLocalOriginFailures is > 0)
            errors.Invalid(FieldPath.Child(path, "consecutiveLocalOriginFailures"), od.ConsecutiveLocalOriginFailures,
                "outlier detection consecutive local origin failures is specified, but split external local origin errors is set to false");
        Percent(errors, FieldPath.Child(path, "maxEjectionPercent"), od.MaxEjectionPercent);
        Percent(errors, FieldPath.Child(path, "minHealthPercent"), od.MinHealthPercent);
        if (od.OutlierDetectionHttpErrorCodes is { } codes)
            for (var i = 0; i < codes.Count; i++)
                errors.Add(Bounds.Between(FieldPath.Index(FieldPath.Child(path, "outlierDetectionHttpErrorCodes"), i), codes[i], 100, 599));
    }

    private static void Percent(ErrorList errors, string path, int? value)
    {
        if (value is < 0 or > 100)
            errors.Invalid(path, value, $"percentage {value} is not in range 0..100");
    }
}
