using Weft.Api.Binding;

namespace Weft.Api.Model.Mesh;

/// <summary>EnvoyOpenTelemetryLogProvider.LogFormat: the log body text and its attributes.</summary>
[WireNullsAreAbsent]
public sealed record OtelAccessLogFormat
{
    public string? Text { get; init; }
    public FreeForm? Labels { get; init; }
}
