using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Weft.Proxy.Telemetry;

/// <summary>
/// Istio's default access log format (meshConfig.accessLogFormat unset, TEXT encoding):
/// <code>
/// [%START_TIME%] "%REQ(:METHOD)% %REQ(X-ENVOY-ORIGINAL-PATH?:PATH)% %PROTOCOL%" %RESPONSE_CODE% %RESPONSE_FLAGS%
/// %RESPONSE_CODE_DETAILS% %CONNECTION_TERMINATION_DETAILS% "%UPSTREAM_TRANSPORT_FAILURE_REASON%" %BYTES_RECEIVED%
/// %BYTES_SENT% %DURATION% %RESP(X-ENVOY-UPSTREAM-SERVICE-TIME)% "%REQ(X-FORWARDED-FOR)%" "%REQ(USER-AGENT)%"
/// "%REQ(X-REQUEST-ID)%" "%REQ(:AUTHORITY)%" "%UPSTREAM_HOST%" %UPSTREAM_CLUSTER_RAW% %UPSTREAM_LOCAL_ADDRESS%
/// %DOWNSTREAM_LOCAL_ADDRESS% %DOWNSTREAM_REMOTE_ADDRESS% %REQUESTED_SERVER_NAME% %ROUTE_NAME%
/// </code>
/// and its JSON encoding with the same fields under Istio's key names.
/// </summary>
public static class AccessLogFormatter
{
    public static string Text(AccessLogEntry e)
    {
        var sb = new StringBuilder(320);
        var c = CultureInfo.InvariantCulture;
        sb.Append('[').Append(e.StartTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", c)).Append("] \"")
          .Append(e.Method).Append(' ').Append(e.Path).Append(' ').Append(e.Protocol).Append("\" ")
          .Append(e.ResponseCode.ToString(c)).Append(' ').Append(e.ResponseFlags).Append(' ')
          .Append(e.ResponseCodeDetails).Append(' ').Append(e.ConnectionTerminationDetails).Append(" \"")
          .Append(e.UpstreamTransportFailureReason).Append("\" ")
          .Append(e.BytesReceived.ToString(c)).Append(' ').Append(e.BytesSent.ToString(c)).Append(' ')
          .Append(e.DurationMs.ToString(c)).Append(' ').Append(e.UpstreamServiceTime).Append(" \"")
          .Append(e.XForwardedFor).Append("\" \"").Append(e.UserAgent).Append("\" \"").Append(e.RequestId).Append("\" \"")
          .Append(e.Authority).Append("\" \"").Append(e.UpstreamHost).Append("\" ")
          .Append(e.UpstreamCluster).Append(' ').Append(e.UpstreamLocalAddress).Append(' ')
          .Append(e.DownstreamLocalAddress).Append(' ').Append(e.DownstreamRemoteAddress).Append(' ')
          .Append(e.RequestedServerName).Append(' ').Append(e.RouteName);
        return sb.ToString();
    }

    public static string Json(AccessLogEntry e)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("start_time", e.StartTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            Str(w, "method", e.Method);
            Str(w, "path", e.Path);
            Str(w, "protocol", e.Protocol);
            w.WriteNumber("response_code", e.ResponseCode);
            Str(w, "response_flags", e.ResponseFlags);
            Str(w, "response_code_details", e.ResponseCodeDetails);
            Str(w, "connection_termination_details", e.ConnectionTerminationDetails);
            Str(w, "upstream_transport_failure_reason", e.UpstreamTransportFailureReason);
            w.WriteNumber("bytes_received", e.BytesReceived);
            w.WriteNumber("bytes_sent", e.BytesSent);
            w.WriteNumber("duration", e.DurationMs);
            Str(w, "upstream_service_time", e.UpstreamServiceTime);
            Str(w, "x_forwarded_for", e.XForwardedFor);
            Str(w, "user_agent", e.UserAgent);
            Str(w, "request_id", e.RequestId);
            Str(w, "authority", e.Authority);
            Str(w, "upstream_host", e.UpstreamHost);
            Str(w, "upstream_cluster", e.UpstreamCluster);
            Str(w, "upstream_local_address", e.UpstreamLocalAddress);
            Str(w, "downstream_local_address", e.DownstreamLocalAddress);
            Str(w, "downstream_remote_address", e.DownstreamRemoteAddress);
            Str(w, "requested_server_name", e.RequestedServerName);
            Str(w, "route_name", e.RouteName);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    // Envoy writes JSON null for an absent value, "-" only in text.
    private static void Str(Utf8JsonWriter w, string name, string value)
    {
        if (value == "-")
            w.WriteNull(name);
        else
            w.WriteString(name, value);
    }
}
