namespace Weft.Api.Model.Telemetry;

/// <summary>MetricsOverrides.TagOverride: sets a tag to an expression's value, or removes it.</summary>
public sealed record TagOverride
{
    /// <summary>Absent means UPSERT.</summary>
    public TagOperation? Operation { get; init; }

    /// <summary>A CEL expression over request attributes; required for UPSERT, forbidden for REMOVE.</summary>
    public string? Value { get; init; }
}
