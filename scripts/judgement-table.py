#!/usr/bin/env python3
# The before/after table of docs/classification.md: every labelled workload under 2.0.0 and the
# newest built-in questionnaire. Run from the repository root after `cargo build`.
import tomllib, subprocess, json, glob, os, tempfile
rows=[]
short={"offline":"offline","soft_real_time":"soft","hard_real_time":"hard"}
for f in sorted(glob.glob('tests/judgement/*.toml')):
    c=tomllib.load(open(f,'rb'))
    ans=c['answers']
    lines=['questionnaire = "system-kind"','[answers]']
    for k,v in ans.items():
        if isinstance(v,bool): v2='true' if v else 'false'
        elif isinstance(v,(int,float)): v2=str(v)
        else: v2='"%s"'%v
        lines.append(f'{k} = {v2}')
    tf=tempfile.NamedTemporaryFile('w',suffix='.toml',delete=False); tf.write("\n".join(lines)+"\n"); tf.close()
    out=[]
    for q in ['system-kind@2.0.0','system-kind']:
        r=subprocess.run(['target/debug/syskind','classify','-q',q,'-a',tf.name,'--format','json'],capture_output=True,text=True)
        if r.returncode!=0: out.append('error'); continue
        v=json.loads(r.stdout)
        out.append(f"{short[v['class']]} {v['confidence']:.2f}" + (f" ({len(v.get('conflicts',[]))}!)" if v.get('conflicts') else ""))
    os.unlink(tf.name)
    name=os.path.basename(f)[:-5]
    rows.append(f"| {name} | {short[c['expect']]} | {out[0]} | {out[1]} |")
print("| workload | expected | 2.0.0 | 3.0.0 |\n|---|---|---|---|")
print("\n".join(rows))
