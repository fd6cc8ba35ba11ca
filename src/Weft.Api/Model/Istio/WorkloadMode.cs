using Weft.Api.Binding;

namespace Weft.Api.Model.Istio;

/// <summary>istio.type.v1beta1.WorkloadMode: the direction of traffic a selector picks (WasmPlugin and TrafficExtension matches).</summary>
[WireCase(WireCase.UpperSnake)]
public enum WorkloadMode
{
    Undefined,
    Client,
    Server,
    ClientAndServer,
}
