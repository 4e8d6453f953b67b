import Testing
import VigilDetect

@Suite("Header detection")
struct HeaderDetectorTests {
    let detector = HeaderDetector()

    @Test("ISO 8601 timestamp, level and logger")
    func iso8601() {
        let h = detector.parse("2024-01-02T03:04:05.123Z INFO app.Main: started in 3 ms")
        #expect(h.timestamp == "2024-01-02T03:04:05.123Z")
        #expect(h.level == "INFO")
        #expect(h.component == "app.Main:")
        #expect(h.message == "started in 3 ms")
    }

    @Test("syslog file lines (RFC 3164 without priority)")
    func syslogFile() {
        let h = detector.parse("Dec 10 06:55:46 LabSZ sshd[24200]: Invalid user webmaster from 173.234.31.186")
        #expect(h.timestamp == "Dec 10 06:55:46")
        #expect(h.host == "LabSZ")
        #expect(h.component == "sshd[24200]:")
        #expect(h.message == "Invalid user webmaster from 173.234.31.186")
        // a level word inside the message stays in the message
        #expect(detector.parse("Dec 10 07:07:38 LabSZ sshd[24206]: error: Received disconnect from 1.2.3.4: 3").message
            == "error: Received disconnect from 1.2.3.4: 3")
    }

    @Test("syslog RFC 3164 with priority")
    func rfc3164() {
        let h = detector.parse("<34>Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick on /dev/pts/8")
        #expect(h.host == "mymachine")
        #expect(h.component == "su:")
        #expect(h.message == "'su root' failed for lonvick on /dev/pts/8")
    }

    @Test("syslog RFC 5424 with and without structured data")
    func rfc5424() {
        let a = detector.parse(
            "<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut=\"3\" eventSource=\"App]\"] An application event")
        #expect(a.timestamp == "2003-10-11T22:14:15.003Z")
        #expect(a.host == "mymachine.example.com")
        #expect(a.component == "evntslog")
        #expect(a.pid == nil)
        #expect(a.message == "An application event")
        let b = detector.parse("<34>1 2003-10-11T22:14:15.003Z host su 77 ID47 - 'su root' failed")
        #expect(b.pid == "77")
        #expect(b.message == "'su root' failed")
    }

    @Test("Apache and nginx error logs")
    func webServers() {
        let a = detector.parse("[Sun Dec 04 04:47:44 2005] [notice] workerEnv.init() ok /etc/httpd/conf/workers2.properties")
        #expect(a.timestamp == "[Sun Dec 04 04:47:44 2005]")
        #expect(a.level == "[notice]")
        #expect(a.message == "workerEnv.init() ok /etc/httpd/conf/workers2.properties")
        let b = detector.parse(
            "[Wed Oct 11 14:32:52.123456 2000] [core:error] [pid 35708:tid 4328636416] File does not exist: /favicon.ico")
        #expect(b.level == "[core:error]")
        #expect(b.thread == "[pid 35708:tid 4328636416]")
        #expect(b.message == "File does not exist: /favicon.ico")
        let c = detector.parse("2024/01/02 15:04:05 [error] 1234#0: *5 open() \"/x\" failed (2: No such file)")
        #expect(c.level == "[error]")
        #expect(c.component == "1234#0:")
        #expect(c.message == "*5 open() \"/x\" failed (2: No such file)")
    }

    @Test("Java: log4j, logback, Spring Boot")
    func java() {
        let a = detector.parse("2015-10-18 18:01:47,978 INFO [RMCommunicator Allocator] org.apache.hadoop.Foo: Before Scheduling: PendingReds:1")
        #expect(a.timestamp == "2015-10-18 18:01:47,978")
        #expect(a.level == "INFO")
        #expect(a.thread == "[RMCommunicator Allocator]")
        #expect(a.component == "org.apache.hadoop.Foo:")
        #expect(a.message == "Before Scheduling: PendingReds:1")
        let b = detector.parse("2024-01-02 15:04:05.123 [main] WARN  c.e.Foo - low disk on /data")
        #expect(b.level == "WARN")
        #expect(b.component == "c.e.Foo")
        #expect(b.message == "low disk on /data")
        let c = detector.parse("2024-01-02 15:04:05.123  INFO 1234 --- [           main] c.e.DemoApplication : Started DemoApplication")
        #expect(c.pid == "1234")
        #expect(c.message == "Started DemoApplication")
    }

    @Test("Python logging: custom and default formats")
    func python() {
        let a = detector.parse("2024-01-02 15:04:05,123 - myapp.db - ERROR - connection lost")
        #expect(a.level == "ERROR")
        #expect(a.message == "connection lost")
        let b = detector.parse("WARNING:urllib3.connectionpool:Retrying (Retry(total=2)) after failure")
        #expect(b.level == "WARNING")
        #expect(b.component == "urllib3.connectionpool")
        #expect(b.message == "Retrying (Retry(total=2)) after failure")
    }

    @Test("Go standard log and klog")
    func go() {
        let a = detector.parse("2024/01/02 15:04:05 listening on :8080")
        #expect(a.timestamp == "2024/01/02 15:04:05")
        #expect(a.message == "listening on :8080")
        let b = detector.parse("2024/01/02 15:04:05 main.go:42: shutting down")
        #expect(b.component == "main.go:42:")
        #expect(b.message == "shutting down")
        let c = detector.parse("I0102 15:04:05.000000    1234 controller.go:42] Syncing pod default/web-1")
        #expect(c.level == "I")
        #expect(c.pid == "1234")
        #expect(c.component == "controller.go:42")
        #expect(c.message == "Syncing pod default/web-1")
    }

    @Test("logfmt and JSON lines")
    func structured() {
        let a = detector.parse("time=2024-01-02T03:04:05Z level=info msg=\"request done\" status=200")
        #expect(a.level == "info")
        #expect(a.timestamp == "2024-01-02T03:04:05Z")
        #expect(a.message == "request done")
        let b = detector.parse(#"{"time":"2024-01-02T03:04:05Z","level":"warn","msg":"disk \"low\"","pct":91,"tags":{"a":[1,2]}}"#)
        #expect(b.level == "warn")
        #expect(b.message == "disk \"low\"")
        let c = detector.parse(#"{"@timestamp":"x","message":"caf\u00e9 open","logger":"web"}"#)
        #expect(c.message == "café open")
        #expect(c.component == "web")
        // not a JSON object with a message: all of it is the message
        #expect(detector.parse(#"{"a":1}"#).message == #"{"a":1}"#)
    }

    @Test("Loghub raw formats", arguments: [
        ("081109 203615 148 INFO dfs.DataNode$PacketResponder: PacketResponder 1 for block blk_38865049064139660 terminating",
         "PacketResponder 1 for block blk_38865049064139660 terminating"),
        ("2015-10-18 18:01:47,978 INFO [main] org.apache.hadoop.mapreduce.v2.app.MRAppMaster: Created MRAppMaster for application appattempt_1445144423722_0020_000001",
         "Created MRAppMaster for application appattempt_1445144423722_0020_000001"),
        ("17/06/09 20:10:40 INFO spark.SecurityManager: Changing view acls to: yarn,curi", "Changing view acls to: yarn,curi"),
        ("2015-07-29 17:41:44,747 - INFO  [QuorumPeer[myid=1]/0:0:0:0:0:0:0:0:2181:FastLeaderElection@774] - Notification time out: 3200",
         "Notification time out: 3200"),
        ("- 1117838570 2005.06.03 R02-M1-N0-C:J12-U11 2005-06-03-15.42.50.675872 R02-M1-N0-C:J12-U11 RAS KERNEL INFO instruction cache parity error corrected",
         "instruction cache parity error corrected"),
        ("KERNDTLB 1118536327 2005.06.11 R30-M0-N9-C:J16-U01 2005-06-11-17.32.07.581048 R30-M0-N9-C:J16-U01 RAS KERNEL FATAL data TLB error interrupt",
         "data TLB error interrupt"),
        ("- 1117842440 2005.06.03 R23-M0-NE-C:J05-U01 2005-06-03-16.47.20.730545 R23-M0-NE-C:J05-U01 RAS KERNEL INFO 63543 double-hummer alignment exceptions",
         "63543 double-hummer alignment exceptions"),
        ("Dec 10 06:55:46 LabSZ sshd[24200]: reverse mapping checking getaddrinfo for ns.marryaldkfaczcz.com [173.234.31.186] failed - POSSIBLE BREAK-IN ATTEMPT!",
         "reverse mapping checking getaddrinfo for ns.marryaldkfaczcz.com [173.234.31.186] failed - POSSIBLE BREAK-IN ATTEMPT!"),
        ("[Sun Dec 04 04:51:08 2005] [notice] jk2_init() Found child 6725 in scoreboard slot 10", "jk2_init() Found child 6725 in scoreboard slot 10"),
        ("20171223-22:15:29:606|Step_LSC|30002312|onStandStepChanged 3579", "onStandStepChanged 3579"),
        ("20171224-0:0:0:234|Step_StandStepDataManager|30002312|tryToReloadTodayBasicSteps1514044800223|3786|0|0",
         "tryToReloadTodayBasicSteps1514044800223|3786|0|0"),
    ])
    func loghub(_ line: String, _ content: String) {
        #expect(detector.parse(line).message == content)
    }

    @Test("lines without a header are all message")
    func noHeader() {
        #expect(detector.parse("Connection error while reading").message == "Connection error while reading")
        #expect(detector.parse("   ").message == "")
        #expect(detector.parse("[unclosed bracket and text").message == "[unclosed bracket and text")
    }

    @Test("logparser format override")
    func logFormat() throws {
        let spark = try LogFormat("<Date> <Time> <Level> <Component>: <Content>")
        #expect(spark.fields == ["Date", "Time", "Level", "Component", "Content"])
        let fields = spark.parse("17/06/09 20:10:40 INFO spark.SecurityManager: Changing view acls to: yarn,curi")
        #expect(fields?["Component"] == "spark.SecurityManager")
        #expect(fields?["Content"] == "Changing view acls to: yarn,curi")
        #expect(spark.parse("no header here") == nil)

        let zookeeper = try LogFormat("<Date> <Time> - <Level>  [<Node>:<Component>@<Id>] - <Content>")
        let z = zookeeper.parse("2015-07-29 19:04:12,394 - INFO  [/10.10.34.11:3888:QuorumCnxManager$Listener@493] - Received connection request /10.10.34.11:45307")
        #expect(z?["Level"] == "INFO")
        #expect(z?["Id"] == "493")
        #expect(z?["Content"] == "Received connection request /10.10.34.11:45307")

        let health = try LogFormat("<Time>|<Component>|<Pid>|<Content>")
        #expect(health.parse("20171223-22:15:29:606|Step_LSC|30002312|a|b")?["Content"] == "a|b")

        #expect(throws: LogFormat.Invalid.self) { try LogFormat("<Date> <Time> <Level>") }
        #expect(throws: LogFormat.Invalid.self) { try LogFormat("<Level><Content>") }
    }
}
