namespace Weft.ControlPlane.Translation;

/// <summary>One workload serving one service port, at the port it really listens on (Istio's IstioEndpoint).</summary>
public sealed record ServiceEndpoint(WorkloadInstance Workload, int Port)
{
    public string Address => Workload.Address;
}
