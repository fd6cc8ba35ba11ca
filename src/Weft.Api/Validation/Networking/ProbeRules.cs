using Weft.Api.Model.Networking;
using Weft.Api.Validation.Istio;

namespace Weft.Api.Validation.Networking;

/// <summary>A WorkloadGroup's readiness probe: exactly one method, non-negative timings, valid ports and headers.</summary>
internal static class ProbeRules
{
    public static void Check(ErrorList errors, string path, ReadinessProbe? probe)
    {
        if (probe is null)
            return;
        foreach (var (field, value) in new[]
        {
            ("initialDelaySeconds", probe.InitialDelaySeconds), ("timeoutSeconds", probe.TimeoutSeconds), ("periodSeconds", probe.PeriodSeconds),
            ("successThreshold", probe.SuccessThreshold), ("failureThreshold", probe.FailureThreshold),
        })
            errors.Add(Bounds.Minimum(FieldPath.Child(path, field), value, 0));
        var methods = new[] { ("httpGet", probe.HttpGet is not null), ("tcpSocket", probe.TcpSocket is not null), ("exec", probe.Exec is not null), ("grpc", probe.Grpc is not null) }
            .Where(m => m.Item2).Select(m => m.Item1).ToList();
        if (methods.Count == 0)
            errors.Required(path, "a probe needs one of httpGet, tcpSocket, exec or grpc");
        else if (methods.Count > 1)
            errors.Add(Crd.OneOf(path, $"only one of httpGet, tcpSocket, exec or grpc may be set, found {string.Join(" and ", methods)}"));
        HttpGet(errors, FieldPath.Child(path, "httpGet"), probe.HttpGet);
        if (probe.TcpSocket is { } tcp)
            RequiredPort(errors, FieldPath.Child(path, "tcpSocket.port"), tcp.Port);
        if (probe.Exec is { } exec)
        {
            var commandPath = FieldPath.Child(path, "exec.command");
            if (exec.Command is not { Count: > 0 } command)
                errors.Required(commandPath, "exec.command is required");
            else
                for (var i = 0; i < command.Count; i++)
                    errors.Add(Crd.MinLength(FieldPath.Index(commandPath, i), command[i], 1));
        }
        if (probe.Grpc?.Port is { } grpcPort)
            errors.Add(PortRule(FieldPath.Child(path, "grpc.port"), grpcPort));
    }

    private static void HttpGet(ErrorList errors, string path, HttpHealthCheckConfig? http)
    {
        if (http is null)
            return;
        RequiredPort(errors, FieldPath.Child(path, "port"), http.Port);
        if (http.Scheme is { } scheme && scheme is not ("" or "HTTP" or "HTTPS"))
            errors.Add(Crd.Rule(FieldPath.Child(path, "scheme"), "string", "scheme must be one of [HTTP, HTTPS]"));
        for (var i = 0; http.HttpHeaders is { } headers && i < headers.Count; i++)
        {
            var namePath = FieldPath.Child(FieldPath.Index(FieldPath.Child(path, "httpHeaders"), i), "name");
            var name = headers[i].Name ?? "";
            if (name.Length == 0)
                errors.Required(namePath, "header name cannot be empty");
            else if (HeaderRules.CheckName(name) is not null)
                errors.Invalid(namePath, name, $"{namePath} in body should match '{HeaderRules.NamePattern}'");
        }
    }

    private static void RequiredPort(ErrorList errors, string path, uint? port)
    {
        if (port is null)
            errors.Required(path);
        else
            errors.Add(PortRule(path, port.Value));
    }

    private static FieldError? PortRule(string path, uint port) =>
        port is 0 or > 65535 ? Crd.Rule(path, "integer", "port must be between 1-65535") : null;
}
