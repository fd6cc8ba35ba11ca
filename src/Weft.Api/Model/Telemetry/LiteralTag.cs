namespace Weft.Api.Model.Telemetry;

/// <summary>Tracing.Literal: a fixed tag value.</summary>
public sealed record LiteralTag
{
    public string? Value { get; init; }
}
