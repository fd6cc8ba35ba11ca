using Weft.Samples.Hosting;

namespace Weft.Samples.Travel.Agency;

/// <summary>The demo's CURRENT_SERVICE and CURRENT_VERSION (SERVICE_VERSION also works); unset, the demo's <c>no-version</c>.</summary>
public static class AgencyInstance
{
    public static Instance Read(EnvReader env, string service) => new(
        env.Text("CURRENT_SERVICE", service),
        env.Version("no-version"));
}
