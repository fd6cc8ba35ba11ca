using Weft.Api.Binding;

namespace Weft.Api.Model.Mesh;

/// <summary>Google Cloud's operations suite (metrics, traces and logs).</summary>
[WireNullsAreAbsent]
public sealed record StackdriverProvider
{
    public bool? Debug { get; init; }
    public long? MaxNumberOfAttributes { get; init; }
    public long? MaxNumberOfAnnotations { get; init; }
    public long? MaxNumberOfMessageEvents { get; init; }
    public uint? MaxTagLength { get; init; }
    public StackdriverLogging? Logging { get; init; }
}
