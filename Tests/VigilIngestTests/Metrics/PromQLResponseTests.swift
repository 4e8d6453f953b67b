import Foundation
import Testing
import VigilIngest

@Suite("Prometheus HTTP API answers")
struct PromQLResponseTests {
    func decode(_ json: String, status: Int = 200) throws(PromQLError) -> PromQLResult {
        try PromQLResponse.decode(status: status, body: Array(json.utf8)).result
    }

    @Test("vector, matrix, scalar and string results")
    func results() throws {
        let vector = try decode(#"""
            {"status":"success","data":{"resultType":"vector","result":[
              {"metric":{"__name__":"up","job":"node","instance":"127.0.0.1:9100"},"value":[1435781451.781,"1"]},
              {"metric":{},"value":[1435781451.781,"NaN"]}]}}
            """#)
        guard case .vector(let v) = vector else { Issue.record("not a vector: \(vector)"); return }
        #expect(v.count == 2 && v[0].labels["job"] == "node")
        #expect(v[0].points == [PromQLPoint(time: Date(timeIntervalSince1970: 1_435_781_451.781), value: 1)])
        #expect(v[1].points[0].value.isNaN)

        let matrix = try decode(#"""
            {"status":"success","warnings":["w"],"data":{"resultType":"matrix","result":[
              {"metric":{"job":"a"},"values":[[1435781430.781,"1"],[1435781445.781,"+Inf"],[1435781460.781,"-2.5e3"]]}]}}
            """#)
        #expect(matrix.series.first?.points.map(\.value) == [1, .infinity, -2500])
        guard case .matrix = matrix else { Issue.record("not a matrix"); return }

        #expect(try decode(#"{"status":"success","data":{"resultType":"scalar","result":[1435781451.781,"3.5"]}}"#)
                == .scalar(PromQLPoint(time: Date(timeIntervalSince1970: 1_435_781_451.781), value: 3.5)))
        #expect(try decode(#"{"status":"success","data":{"resultType":"string","result":[10,"hello"]}}"#)
                == .string(time: Date(timeIntervalSince1970: 10), value: "hello"))
    }

    @Test("error answers keep Prometheus's type and message; other bodies are bad_response or http")
    func errors() {
        let cases: [(String, Int, String, String)] = [
            (#"{"status":"error","errorType":"bad_data","error":"1:5: parse error: unexpected end of input"}"#, 400, "bad_data", "parse error"),
            (#"{"status":"error","errorType":"timeout","error":"query timed out"}"#, 503, "timeout", "timed out"),
            ("<html>bad gateway</html>", 502, "http", "bad gateway"),
            ("{}", 200, "bad_response", "{}"),
            (#"{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"x"]}]}}"#, 200, "bad_response", "'x'"),
            (#"{"status":"success","data":{"resultType":"weird","result":[]}}"#, 200, "bad_response", "weird"),
        ]
        for (body, status, type, message) in cases {
            do throws(PromQLError) {
                _ = try decode(body, status: status)
                Issue.record("accepted \(body)")
            } catch {
                #expect(error.type == type, "\(error)")
                #expect(error.httpStatus == status)
                #expect(error.message.contains(message), "\(error)")
            }
        }
    }
}
