using Weft.Api.Binding;

namespace Weft.Api.Model.Telemetry;

/// <summary>istio.telemetry.v1alpha1.WorkloadMode: which side of a call the setting applies to (CLIENT_AND_SERVER first, as in the proto).</summary>
[WireCase(WireCase.UpperSnake)]
public enum WorkloadMode
{
    ClientAndServer,
    Client,
    Server,
}
