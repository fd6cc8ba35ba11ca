using Weft.Api.Binding;

namespace Weft.Api.Model.Mesh;

/// <summary>EnvoyFileAccessLogProvider.LogFormat: a text format, or JSON labels (one of them).</summary>
[WireNullsAreAbsent]
public sealed record FileAccessLogFormat
{
    public string? Text { get; init; }

    /// <summary>JSON fields, name to command operator; <c>{}</c> is Envoy's default JSON format.</summary>
    public FreeForm? Labels { get; init; }
}
