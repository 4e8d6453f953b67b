/// Vigil's Ansible stdout callback, written next to each run and selected with `ANSIBLE_STDOUT_CALLBACK`:
/// one JSON object per line (task start, task result, final stats), flushed as it happens, so results stream and
/// parse without the `json` callback of the full `ansible` package.
enum AnsibleCallback {
    static let name = "vigil_ndjson"

    static let source = #"""
    from __future__ import annotations
    import json
    import sys
    from ansible.plugins.callback import CallbackBase

    DOCUMENTATION = '''
    name: vigil_ndjson
    type: stdout
    short_description: one JSON object per event, for Vigil
    description: Task starts, task results and the final stats as JSON lines on standard output.
    '''

    KEEP = ('msg', 'rc', 'stdout', 'stderr', 'diff', 'changed', 'failed', 'skipped', 'unreachable', 'cmd', 'state', 'name')


    class CallbackModule(CallbackBase):
        CALLBACK_VERSION = 2.0
        CALLBACK_TYPE = 'stdout'
        CALLBACK_NAME = 'vigil_ndjson'

        def _emit(self, obj):
            sys.stdout.write(json.dumps(obj, default=str, sort_keys=True) + '\n')
            sys.stdout.flush()

        def _result(self, result, status):
            raw = result._result or {}
            out = {k: raw[k] for k in KEEP if k in raw}
            if status == 'ok' and raw.get('changed'):
                status = 'changed'
            self._emit({'event': 'result', 'status': status, 'host': result._host.get_name(),
                        'task': result._task.get_name(), 'action': result._task.action, 'result': out})

        def v2_playbook_on_task_start(self, task, is_conditional):
            self._emit({'event': 'task', 'task': task.get_name(), 'action': task.action})

        def v2_runner_on_ok(self, result):
            self._result(result, 'ok')

        def v2_runner_on_failed(self, result, ignore_errors=False):
            self._result(result, 'ignored' if ignore_errors else 'failed')

        def v2_runner_on_skipped(self, result):
            self._result(result, 'skipped')

        def v2_runner_on_unreachable(self, result):
            self._result(result, 'unreachable')

        def v2_playbook_on_stats(self, stats):
            hosts = {h: stats.summarize(h) for h in sorted(stats.processed.keys())}
            self._emit({'event': 'stats', 'hosts': hosts})
    """#
}
