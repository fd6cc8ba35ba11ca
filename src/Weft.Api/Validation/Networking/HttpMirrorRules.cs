using Weft.Api.Model.Networking;

namespace Weft.Api.Validation.Networking;

/// <summary>Mirroring: one mirror (with a percentage) or several mirrors (each with its own), never both.</summary>
internal static class HttpMirrorRules
{
    public static void Check(ErrorList errors, string path, HttpRoute route)
    {
        if (route.Mirror is not null && route.Mirrors is { Count: > 0 })
            errors.Forbidden(FieldPath.Child(path, "mirrors"), "HTTP route cannot contain both mirror and mirrors");
        foreach (var (field, value) in new[] { ("mirrorPercent", route.MirrorPercent), ("mirror_percent", route.MirrorPercentSnake) })
            if (value is > 100)
                errors.Invalid(FieldPath.Child(path, field), value, $"mirror_percent must have a max value of 100 (it has {value})");
        Percentage(errors, FieldPath.Child(path, "mirrorPercentage.value"), route.MirrorPercentage, "mirror_percentage");
        if (route.Mirror is { } mirror)
            DestinationRules.Check(errors, FieldPath.Child(path, "mirror"), mirror);
        if (route.Mirrors is not { } mirrors)
            return;
        for (var i = 0; i < mirrors.Count; i++)
        {
            var at = FieldPath.Index(FieldPath.Child(path, "mirrors"), i);
            if (mirrors[i].Destination is not { } destination)
                errors.Required(FieldPath.Child(at, "destination"), "destination is required for mirrors");
            else
                DestinationRules.Check(errors, FieldPath.Child(at, "destination"), destination);
            Percentage(errors, FieldPath.Child(at, "percentage.value"), mirrors[i].Percentage, "mirror percentage");
        }
    }

    private static void Percentage(ErrorList errors, string path, Percent? percent, string what)
    {
        if (percent?.Value is not { } v)
            return;
        var shown = v.ToString("F6", System.Globalization.CultureInfo.InvariantCulture);
        if (v > 100)
            errors.Invalid(path, v, $"{what} must have a max value of 100 (it has {shown})");
        if (v < 0)
            errors.Invalid(path, v, $"{what} must have a min value of 0 (it has {shown})");
    }
}
