using Weft.Api.Binding;

namespace Weft.Api.Model.Mesh;

/// <summary>StackdriverProvider.Logging: extra log entry labels, name to expression.</summary>
[WireNullsAreAbsent]
public sealed record StackdriverLogging
{
    public IReadOnlyDictionary<string, string>? Labels { get; init; }
}
