using Weft.Api.Binding;

namespace Weft.Api.Model.Telemetry;

/// <summary>MetricsOverrides.TagOverride.Operation.</summary>
[WireCase(WireCase.UpperSnake)]
public enum TagOperation
{
    Upsert,
    Remove,
}
