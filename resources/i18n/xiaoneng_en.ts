<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AppealDecisionDialog</name>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="969"/>
        <source>申诉人：{subject}；收到申诉：{received}；理由：{grounds}。
现行问责方式：{measures}；处理期限：{due}（{article}）。</source>
        <translation>Appellant: {subject}; appeal received: {received}; grounds: {grounds}.
Measures in force: {measures}; decision due: {due} ({article}).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="975"/>
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="988"/>
        <source>处理理由</source>
        <translation>Reasons</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="989"/>
        <source>决定日期</source>
        <translation>Decision date</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="990"/>
        <source>处理结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="991"/>
        <source>变更后的问责方式</source>
        <translation>Measures after variation</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="992"/>
        <source>理由</source>
        <translation>Reasons</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="993"/>
        <source>作出申诉处理决定</source>
        <translation>Decide on appeal</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="993"/>
        <source>作出决定</source>
        <translation>Decide</translation>
    </message>
</context>
<context>
    <name>AppealDialog</name>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="909"/>
        <source>针对：{subject}（{measures}）</source>
        <translation>Concerning: {subject} ({measures})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="919"/>
        <source>书面申诉</source>
        <translation>Written appeal</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="922"/>
        <source>每行一项理由，如：事实认定有误</source>
        <translation>One ground per line, e.g. facts wrongly established</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="923"/>
        <source>申诉人陈述的主要内容</source>
        <translation>Main points of the appellant&apos;s statement</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="924"/>
        <source>收到申诉日期</source>
        <translation>Date appeal received</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="925"/>
        <source>受理机关</source>
        <translation>Receiving authority</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="927"/>
        <source>申诉理由</source>
        <translation>Grounds of appeal</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="928"/>
        <source>申诉陈述</source>
        <translation>Appellant&apos;s statement</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="929"/>
        <source>登记申诉</source>
        <translation>Register appeal</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="929"/>
        <source>登记</source>
        <translation>Register</translation>
    </message>
</context>
<context>
    <name>AppealsPanel</name>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="621"/>
        <source>登记申诉…</source>
        <translation>Register appeal…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="623"/>
        <source>作出申诉处理决定…</source>
        <translation>Decide on appeal…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="635"/>
        <source>收到申诉</source>
        <translation>Appeal received</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="636"/>
        <source>受理机关</source>
        <translation>Receiving authority</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="637"/>
        <source>申诉理由</source>
        <translation>Grounds of appeal</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="639"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="640"/>
        <source>已处理</source>
        <translation>Decided</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="640"/>
        <source>审理中</source>
        <translation>Under review</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="642"/>
        <source>处理期限</source>
        <translation>Decision due</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="643"/>
        <source>期限情况</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="644"/>
        <source>处理结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="669"/>
        <source>新建的问责决定签发并送达后，方可申诉。</source>
        <translation>An appeal can be registered once the new decision has been signed and served.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="682"/>
        <source>问责决定尚未签发。</source>
        <translation>The accountability decision has not been signed yet.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="707"/>
        <source>尚未登记送达日期：申诉期限自收到问责决定之日起算（{article}）。</source>
        <translation>Date of service not yet registered: the appeal period runs from the day the decision is received ({article}).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="716"/>
        <source>申诉期限：{due}（自 {received} 收到决定之日起 {n}{unit}，{article}）</source>
        <translation>Appeal deadline: {due} ({n}{unit} from receipt of the decision on {received}, {article})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="726"/>
        <source>，已届满</source>
        <translation>, expired</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="733"/>
        <source>，还剩 {days} 日（{wd} 个工作日）</source>
        <translation>, {days} days left ({wd} working days)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="743"/>
        <source>申诉期间不停止执行；不因申诉而加重问责（{article}）。</source>
        <translation>An appeal does not suspend the measures; an appeal never leads to a heavier measure ({article}).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="760"/>
        <source>申诉陈述：{s}</source>
        <translation>Statement: {s}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="762"/>
        <source>处理决定（{d}）：{r}</source>
        <translation>Decision ({d}): {r}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="775"/>
        <source>申诉已登记。</source>
        <translation>Appeal registered.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="792"/>
        <source>申诉处理决定已作出。注意：{late}</source>
        <translation>Appeal decided. Note: {late}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="795"/>
        <source>申诉处理决定已作出。</source>
        <translation>Appeal decided.</translation>
    </message>
</context>
<context>
    <name>BackgroundTask</name>
    <message>
        <location filename="../../desktop/ui/worker.py" line="94"/>
        <source>操作未完成：{name}。详情已写入日志。</source>
        <translation>The operation did not complete: {name}. Details are in the log.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/worker.py" line="126"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/worker.py" line="127"/>
        <source>请稍候</source>
        <translation>Please wait</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/worker.py" line="162"/>
        <source>操作未完成</source>
        <translation>Operation not completed</translation>
    </message>
</context>
<context>
    <name>BackupDialog</name>
    <message>
        <location filename="../../desktop/ui/pages/settings.py" line="325"/>
        <source>备份本机数据</source>
        <translation>Back up this laptop&apos;s data</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/settings.py" line="336"/>
        <source>备份文件</source>
        <translation>Backup file</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/settings.py" line="337"/>
        <source>备份口令</source>
        <translation>Backup passphrase</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/settings.py" line="338"/>
        <source>再次输入口令</source>
        <translation>Passphrase again</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/settings.py" line="341"/>
        <source>口令至少 {n} 个字符。恢复时需要同一口令，忘记将无法恢复。</source>
        <translation>At least {n} characters. Restoring needs the same passphrase; if it is forgotten, the backup cannot be restored.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/settings.py" line="348"/>
        <source>开始备份</source>
        <translation>Back up</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/settings.py" line="348"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/settings.py" line="359"/>
        <source>请选择备份文件的保存位置</source>
        <translation>Choose where to save the backup file</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/settings.py" line="362"/>
        <source>两次输入的口令不一致</source>
        <translation>The two passphrases differ</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/settings.py" line="373"/>
        <source>正在备份…</source>
        <translation>Backing up…</translation>
    </message>
</context>
<context>
    <name>ConfirmationRow</name>
    <message>
        <location filename="../../desktop/ui/dialogs/presence.py" line="113"/>
        <source>用户名</source>
        <translation>Username</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/presence.py" line="116"/>
        <source>本人密码</source>
        <translation>Own password</translation>
    </message>
</context>
<context>
    <name>Data</name>
    <message>
        <location filename="../../desktop/ui/datanames.py" line="7"/>
        <source>12345政务服务便民热线</source>
        <translation>12345 government service hotline</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/datanames.py" line="8"/>
        <source>上级交办</source>
        <translation>Assigned by a higher authority</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/datanames.py" line="9"/>
        <source>上级机关交办</source>
        <translation>Assigned by a higher organ</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/datanames.py" line="10"/>
        <source>不属实</source>
        <translation>Unfounded</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/datanames.py" line="11"/>
        <source>专项监察</source>
        <translation>Special supervision</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/datanames.py" line="12"/>
        <source>专项督查</source>
        <translation>Special inspection</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/datanames.py" line="13"/>
        <source>作主要负责人审批</source>
        <translation>Head of office approves</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/datanames.py" line="14"/>
        <source>信函</source>
        <translation>Letter</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/datanames.py" line="15"/>
        <source>办结</source>
        <translation>Conclude</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/datanames.py" line="16"/>
        <source>取消当年评优评先资格</source>
        <translation>Barred from awards and honours for the year</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/datanames.py" line="17"/>
        <source>复核决定书</source>
        <translation>Review decision</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/datanames.py" line="18"/>
        <source>媒体披露</source>
        <translation>Media report</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/datanames.py" line="19"/>
        <source>实施中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/datanames.py" line="20"/>
        <source>审批</source>
        <translation>Approve</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/datanames.py" line="21"/>
        <source>容错纠错</source>
        <translation>Error tolerance and correction</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/datanames.py" line="22"/>
        <source>属实</source>
        <translation>Substantiated</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/datanames.py" line="23"/>
        <source>工作任务办理时限</source>
        <translation>Time limit for assigned work</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/datanames.py" line="24"/>
        <source>已办结</source>
        <translation>Concluded</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/datanames.py" line="25"/>
        <source>已对违规指令提出修正意见</source>
        <translation>Objected to an unlawful instruction</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/datanames.py" line="26"/>
        <source>已形成报告</source>
        <translation>Report written</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/datanames.py" line="27"/>
        <source>已批准</source>
        <translation>Approved</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/datanames.py" line="28"/>
        <source>已退回</source>
        <translation>Returned</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/datanames.py" line="29"/>
        <source>年度考核不称职（不合格）</source>
        <translation>Rated incompetent (failed) in the annual review</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/datanames.py" line="30"/>
        <source>开始实施</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/datanames.py" line="31"/>
        <source>待主要负责人审批</source>
        <translation>Awaiting the head of office</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/datanames.py" line="32"/>
        <source>待审批</source>
        <translation>Awaiting approval</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/datanames.py" line="33"/>
        <source>扣发全年目标管理考核奖金</source>
        <translation>Annual target-management bonus withheld</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/datanames.py" line="34"/>
        <source>批评教育</source>
        <translation>Criticism and education</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/datanames.py" line="35"/>
        <source>投诉答复函</source>
        <translation>Complaint reply letter</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/datanames.py" line="36"/>
        <source>投诉调查</source>
        <translation>Complaint investigation</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/datanames.py" line="37"/>
        <source>提交审批</source>
        <translation>Submit for approval</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/datanames.py" line="38"/>
        <source>提交督查报告</source>
        <translation>Submit the inspection report</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/datanames.py" line="39"/>
        <source>效能告诫</source>
        <translation>Efficiency warning</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/datanames.py" line="40"/>
        <source>效能告诫决定书</source>
        <translation>Efficiency warning decision</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/datanames.py" line="41"/>
        <source>效能投诉办理时限</source>
        <translation>Time limit for efficiency complaints</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/datanames.py" line="42"/>
        <source>效能投诉电话</source>
        <translation>Efficiency complaint phone line</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/datanames.py" line="43"/>
        <source>效能投诉督办单</source>
        <translation>Complaint supervision slip</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/datanames.py" line="44"/>
        <source>效能投诉转办单</source>
        <translation>Complaint transfer slip</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/datanames.py" line="45"/>
        <source>效能督查建议书</source>
        <translation>Efficiency supervision recommendation</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/datanames.py" line="46"/>
        <source>效能责任追究决定书</source>
        <translation>Efficiency liability decision</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/datanames.py" line="47"/>
        <source>效能问责决定书</source>
        <translation>Efficiency accountability decision</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/datanames.py" line="48"/>
        <source>整改时限（督查建议、整改要求）</source>
        <translation>Rectification time limit (recommendations, rectification requests)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/datanames.py" line="49"/>
        <source>整改通知书</source>
        <translation>Rectification notice</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/datanames.py" line="50"/>
        <source>新立或变更的政务信息公开时限</source>
        <translation>Time limit to publish new or changed government information</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/datanames.py" line="51"/>
        <source>暗访</source>
        <translation>Unannounced visit</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/datanames.py" line="52"/>
        <source>暗访记录</source>
        <translation>Unannounced visit record</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/datanames.py" line="53"/>
        <source>来访</source>
        <translation>Visit in person</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/datanames.py" line="54"/>
        <source>涉及营商环境</source>
        <translation>Business environment</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/datanames.py" line="55"/>
        <source>涉及营商环境、重大民生投诉限时办结</source>
        <translation>Time limit for business-environment and major livelihood complaints</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/datanames.py" line="56"/>
        <source>涉及重大民生</source>
        <translation>Major livelihood issue</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/datanames.py" line="57"/>
        <source>特定信息公开时限</source>
        <translation>Time limit to publish specific information</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/datanames.py" line="58"/>
        <source>现场检查记录</source>
        <translation>Site inspection record</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/datanames.py" line="59"/>
        <source>申诉处理决定书</source>
        <translation>Appeal decision</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/datanames.py" line="60"/>
        <source>监察建议书</source>
        <translation>Supervision recommendation</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/datanames.py" line="61"/>
        <source>督办</source>
        <translation>Supervise</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/datanames.py" line="62"/>
        <source>督查方案审批表</source>
        <translation>Inspection plan approval form</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/datanames.py" line="63"/>
        <source>福建省机关效能建设工作条例（2024年修订）</source>
        <translation>Fujian Regulation on Government Efficiency (revised 2024)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/datanames.py" line="64"/>
        <source>网上投诉</source>
        <translation>Online complaint</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/datanames.py" line="65"/>
        <source>自办</source>
        <translation>Handle directly</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/datanames.py" line="66"/>
        <source>草稿</source>
        <translation>Draft</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/datanames.py" line="67"/>
        <source>诫勉教育</source>
        <translation>Admonishment</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/datanames.py" line="68"/>
        <source>调离工作岗位</source>
        <translation>Removal from post</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/datanames.py" line="69"/>
        <source>责令作出书面检查</source>
        <translation>Ordered to make a written self-criticism</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/datanames.py" line="70"/>
        <source>转办</source>
        <translation>Transfer</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/datanames.py" line="71"/>
        <source>辞退</source>
        <translation>Dismissal</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/datanames.py" line="72"/>
        <source>退回</source>
        <translation>Return</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/datanames.py" line="73"/>
        <source>通报批评</source>
        <translation>Circulated criticism</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/datanames.py" line="74"/>
        <source>部分属实</source>
        <translation>Partly substantiated</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/datanames.py" line="75"/>
        <source>部门移送</source>
        <translation>Referred by a department</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/datanames.py" line="76"/>
        <source>重点效能督查</source>
        <translation>Focus efficiency inspection</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/datanames.py" line="77"/>
        <source>限期改正时限</source>
        <translation>Time limit for correction</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/datanames.py" line="78"/>
        <source>马鞍山市行政效能建设工作规定（暂行）</source>
        <translation>Ma&apos;anshan Provisions on Administrative Efficiency (provisional)</translation>
    </message>
</context>
<context>
    <name>DecisionDialogs</name>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="75"/>
        <source>机关工作人员</source>
        <extracomment>Read-only fields keep their text dark (disabled widgets would grey it out).</extracomment>
        <translation>Civil servant</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="76"/>
        <source>机关（单位）</source>
        <translation>Agency</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="79"/>
        <source>从轻问责</source>
        <translation>Lighter measure</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="80"/>
        <source>减轻问责</source>
        <translation>Reduced measure</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="81"/>
        <source>免予问责</source>
        <translation>Exempted</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="84"/>
        <source>维持</source>
        <translation>Upheld</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="85"/>
        <source>变更</source>
        <translation>Varied</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="86"/>
        <source>撤销</source>
        <translation>Revoked</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="89"/>
        <source>当年内</source>
        <translation>Within the calendar year</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="90"/>
        <source>一年内</source>
        <translation>Within one year</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="91"/>
        <source>连续两年内</source>
        <translation>Within two consecutive years</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="94"/>
        <source>整改要求</source>
        <translation>Requirement</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="95"/>
        <source>督查建议</source>
        <translation>Recommendation</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="98"/>
        <source>未完成</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="99"/>
        <source>已整改</source>
        <translation>Rectified</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="100"/>
        <source>未采纳</source>
        <translation>Not adopted</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="103"/>
        <source>日</source>
        <translation> days</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="104"/>
        <source>个工作日</source>
        <translation> working days</translation>
    </message>
</context>
<context>
    <name>DecisionEditor</name>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="296"/>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="460"/>
        <source>（请选择）</source>
        <translation>(Select)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="310"/>
        <source>不适用</source>
        <translation>Not applicable</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="317"/>
        <source>经调查核实的事实、证据</source>
        <translation>Facts and evidence established by the investigation</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="318"/>
        <source>由问责对象的上级机关效能建设工作机构作出</source>
        <translation>Issued by the efficiency office of the subject&apos;s higher-level authority</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="322"/>
        <source>作出决定机关</source>
        <translation>Deciding authority</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="323"/>
        <source>问责对象</source>
        <translation>Subject</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="324"/>
        <source>所在单位</source>
        <translation>Agency</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="325"/>
        <source>工作人员</source>
        <translation>Official</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="326"/>
        <source>问责情形</source>
        <translation>Grounds</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="327"/>
        <source>问责方式</source>
        <translation>Measures</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="328"/>
        <source>从轻、减轻或免予</source>
        <translation>Mitigation</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="329"/>
        <source>符合的条件</source>
        <translation>Conditions met</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="330"/>
        <source>处理</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="331"/>
        <source>原应适用的问责方式</source>
        <translation>Measure that would otherwise apply</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="332"/>
        <source>事实</source>
        <translation>Facts</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="351"/>
        <source>问责后果与须办事项</source>
        <translation>Consequences and follow-up actions</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="450"/>
        <source>〔仅限单位负责人〕</source>
        <translation> [heads of agency only]</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="466"/>
        <source>（负责人）</source>
        <translation> (head)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="688"/>
        <source>按决定日期 {on} 计：</source>
        <translation>As of the decision date {on}:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="695"/>
        <source>申诉处理后现行问责方式：{m}</source>
        <translation>Measures in force after appeal: {m}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="696"/>
        <source>无（已撤销）</source>
        <translation>None (revoked)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="703"/>
        <source>若于今天（{on}）签发：</source>
        <translation>If signed today ({on}):</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="705"/>
        <source>后果</source>
        <translation>Consequences</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="707"/>
        <source>尚未选择问责方式。</source>
        <translation>No measure selected yet.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="711"/>
        <source>对机关（单位）的问责不产生个人后果，计入单位的问责记录。</source>
        <translation>Accountability of an agency has no personal consequences; it is entered in the agency&apos;s accountability record.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="715"/>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="773"/>
        <source>无。</source>
        <translation>None.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="721"/>
        <source>，至 {until}</source>
        <translation>, until {until}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="735"/>
        <source>{window}被给予{names}共 {n} 次（{article}：{m} 次以上）</source>
        <translation>{window}: {names} given {n} times ({article}: {m} or more)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="746"/>
        <source>累计</source>
        <translation>Cumulative</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="758"/>
        <source>在期</source>
        <translation>in effect</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="758"/>
        <source>已届满</source>
        <translation>expired</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="759"/>
        <source>：至 {until}（{state}）</source>
        <translation>: until {until} ({state})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="764"/>
        <source>此前问责记录</source>
        <translation>Previous accountability record</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="771"/>
        <source>须办事项</source>
        <translation>Follow-up actions</translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <location filename="../../desktop/ui/dialogs/firstrun.py" line="426"/>
        <source>设置完成</source>
        <translation>Set-up complete</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/firstrun.py" line="440"/>
        <source>{name}，欢迎使用。点击“完成”进入工作台。</source>
        <translation>Welcome, {name}. Click “Finish” to open the dashboard.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/firstrun.py" line="444"/>
        <source>本机数据保存在：
{path}
数据库、现场证据文件和日志都在这个文件夹中；投诉人身份始终加密保存，不以明文写入磁盘。</source>
        <translation>This computer keeps its data in:
{path}
The database, the evidence files from visits and the logs are all in this folder; complainants&apos; identities are always stored encrypted, never written to disk in clear.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/firstrun.py" line="448"/>
        <source>备份：请定期在“设置 → 备份与恢复”中备份本机数据。备份文件是加密的，请存放在另一台电脑或U盘上，不要只放在本机。换电脑或重装系统时，用同一处恢复。</source>
        <translation>Backups: back up this computer&apos;s data regularly under “Settings → Backup and restore”. Backups are encrypted; keep them on another computer or a USB stick, not only on this one. To move to a new computer or after reinstalling, restore from the same place.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/firstrun.py" line="456"/>
        <source>机构恢复密钥已保存到：
{file}
（指纹 {fingerprint}）。请把它和口令分开，离线保管；本机不保存恢复密钥。</source>
        <translation>The office recovery key was saved to:
{file}
(fingerprint {fingerprint}). Keep it offline, apart from its passphrase; this computer does not keep the recovery key.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/firstrun.py" line="463"/>
        <source>本机已连接中心服务器：您的记录在同步时上传到服务器，同事的记录同步到本机。其他同事第一次在本机登录时需要连接服务器，以后断网也能登录。</source>
        <translation>This computer is connected to the central server: your records go to the server when you sync, and your colleagues&apos; come to this computer. A colleague signing in on this computer for the first time needs the server; after that, signing in works offline too.</translation>
    </message>
</context>
<context>
    <name>FileField</name>
    <message>
        <location filename="../../desktop/ui/pages/settings.py" line="275"/>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/settings.py" line="282"/>
        <source>效能督查备份 ({pattern})</source>
        <translation>Xiaoneng Inspector backups ({pattern})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/settings.py" line="285"/>
        <source>保存备份文件</source>
        <translation>Save the backup file</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/settings.py" line="291"/>
        <source>选择备份文件</source>
        <translation>Choose a backup file</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <location filename="../../desktop/ui/dialogs/firstrun.py" line="487"/>
        <source>效能督查 — 首次使用</source>
        <translation>Xiaoneng Inspector — first run</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/firstrun.py" line="492"/>
        <location filename="../../desktop/ui/dialogs/firstrun.py" line="494"/>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/firstrun.py" line="493"/>
        <source>上一步</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/firstrun.py" line="495"/>
        <source>完成</source>
        <translation>Finish</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/firstrun.py" line="496"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>FollowUpDialog</name>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="1103"/>
        <source>{kind} · {agency} · 期限 {due}
{content}</source>
        <translation>{kind} · {agency} · due {due}
{content}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="1116"/>
        <source>整改情况；未采纳的，写明被督查单位提出的理由</source>
        <translation>Progress; if not adopted, state the reasons given by the inspected agency</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="1119"/>
        <source>整改情况</source>
        <translation>Rectification progress</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="1120"/>
        <source>说明</source>
        <translation>Remarks</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="1121"/>
        <source>登记整改情况</source>
        <translation>Record rectification</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="1121"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="806"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="73"/>
        <source>工作台</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="76"/>
        <source>督查方案</source>
        <translation>Inspection plans</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="79"/>
        <source>现场检查</source>
        <translation>Site inspections</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="83"/>
        <source>效能投诉</source>
        <translation>Complaints</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="89"/>
        <source>问责与申诉</source>
        <translation>Accountability &amp; appeals</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="95"/>
        <source>文书</source>
        <translation>Documents</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="99"/>
        <source>同步</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="100"/>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="133"/>
        <source>效能督查 — {name}（{profile}）</source>
        <translation>Efficiency Supervision — {name} ({profile})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="164"/>
        <source>当前用户：{name}</source>
        <translation>Signed in: {name}</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="10"/>
        <source>after：不认识的记录类型</source>
        <translation>after: unknown record type</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="11"/>
        <source>since 应为有效的日期或时间（ISO 8601）</source>
        <translation>since must be a valid date or time (ISO 8601)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="12"/>
        <source>{action}（{done:.0f} / {size:.0f} MB）</source>
        <translation>{action} ({done:.0f} / {size:.0f} MB)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="13"/>
        <source>{agency}：{matter}</source>
        <translation>{agency}: {matter}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="14"/>
        <source>{article}只有{items}，没有第{number}项</source>
        <translation>{article} has only {items}; there is no item {number}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="15"/>
        <source>{date}不能晚于今天</source>
        <translation>The {date} cannot be later than today</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="16"/>
        <source>{explanation}（{reason}）</source>
        <translation>{explanation} ({reason})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="17"/>
        <source>{field} 应为推送该操作的登录用户本人</source>
        <translation>{field} must be the signed-in user pushing the operation</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="18"/>
        <source>{items}、{item}</source>
        <translation>{items}, {item}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="19"/>
        <source>{items}或{item}</source>
        <translation>{items} or {item}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="20"/>
        <source>{kind}落实期限</source>
        <translation>Deadline for the {kind}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="21"/>
        <source>{kind}须注明属于{article}的第几项（其中{items}须经政府立项）</source>
        <translation>{kind}: state which item of {article} it falls under ({items} need government approval)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="22"/>
        <source>{limit}不可延期</source>
        <translation>{limit}: no extension is possible</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="23"/>
        <source>{message}（{article}）</source>
        <translation>{message} ({article})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="24"/>
        <source>{mode}须写明办理时限</source>
        <translation>{mode}: give the time limit for handling</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="25"/>
        <source>{mode}须写明办理要求</source>
        <translation>{mode}: give the handling requirements</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="26"/>
        <source>{mode}须选择承办单位</source>
        <translation>{mode}: choose the handling agency</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="27"/>
        <source>{name}不是本方案督查组成员，其在场确认无效</source>
        <translation>{name} is not on this plan&apos;s team, so their presence confirmation does not count</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="28"/>
        <source>{name}不是督查人员，不能列入督查组</source>
        <translation>{name} is not an inspector and cannot be on the team</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="29"/>
        <source>{name}（{agency}）</source>
        <translation>{name} ({agency})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="30"/>
        <source>{name}：当前登录的督查人员本人也须输入密码确认在场</source>
        <translation>{name}: the signed-in inspector must also enter their password to confirm presence</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="31"/>
        <source>{official}（{agency}）</source>
        <translation>{official} ({agency})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="32"/>
        <source>{period}有{count}名工作人员被上级机关效能建设工作机构给予{measures}，占工作人员{staff}人的{share:.1f}%（达到{threshold:g}%）</source>
        <translation>{count} staff received {measures} from a higher-level efficiency office {period}: {share:.1f}% of {staff} staff (threshold {threshold:g}%)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="33"/>
        <source>{period}有{count}名工作人员被给予{measures}，占工作人员{staff}人的{share:.1f}%（达到{threshold:g}%）</source>
        <translation>{count} staff received {measures} {period}: {share:.1f}% of {staff} staff (threshold {threshold:g}%)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="34"/>
        <source>{plan}（{place}）</source>
        <translation>{plan} ({place})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="35"/>
        <source>{reasons}；{reason}</source>
        <translation>{reasons}; {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="36"/>
        <source>{subject}的申诉</source>
        <translation>Appeal of {subject}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="37"/>
        <source>{title}（{place}）</source>
        <translation>{title} ({place})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="38"/>
        <source>{username}：用户名或密码错误</source>
        <translation>{username}: wrong username or password</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="39"/>
        <source>{what}应为 base64 编码</source>
        <translation>{what} must be base64-encoded</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="40"/>
        <source>{what}晚于操作当天（{field}）</source>
        <translation>{what} is later than the day of the operation ({field})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="41"/>
        <source>{what}：{title}</source>
        <translation>{what}: {title}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="42"/>
        <source>{where}不属于本设备：只能上传本设备的审计记录</source>
        <translation>{where} is not from this device: only this device&apos;s audit entries can be uploaded</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="43"/>
        <source>{where}的哈希与内容不符（记录被修改）</source>
        <translation>{where}: the hash does not match the content (the entry was altered)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="44"/>
        <source>{where}的详情含有可能是投诉人身份的字段（{fields}），拒收</source>
        <translation>{where}: the details contain fields that may identify a complainant ({fields}); refused</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="45"/>
        <source>{where}的详情无法保存：details {problem}</source>
        <translation>{where}: the details cannot be stored: details {problem}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="46"/>
        <source>{years}年的节假日安排尚未录入，期限仅按周末推算，请管理员在节假日表中补充该年安排后再核对。</source>
        <translation>No holiday arrangement has been entered for {years}, so deadlines count weekends only. Ask an administrator to add that year to the holiday tables, then check again.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="47"/>
        <source>{year}年{month}月{day}日</source>
        <translation>{month}/{day}/{year}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="48"/>
        <source>“{entity}”由服务器管理（账户、密钥），不通过同步操作修改</source>
        <translation>&quot;{entity}&quot; is managed by the server (accounts, keys), not changed by sync operations</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="49"/>
        <source>“{measure}”决定应函告{bodies}</source>
        <translation>A &quot;{measure}&quot; decision must be notified in writing to {bodies}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="50"/>
        <source>“{mitigation}”只能{allowed}，不能{outcome}</source>
        <translation>&quot;{mitigation}&quot; allows only {allowed}, not {outcome}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="51"/>
        <source>“{state}”</source>
        <translation>&quot;{state}&quot;</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="52"/>
        <source>一年内</source>
        <translation>within a year</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="53"/>
        <source>上一级机关效能建设工作机构</source>
        <translation>the efficiency office one level up</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="54"/>
        <source>上级机构</source>
        <translation>parent agency</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="55"/>
        <source>上级机构的层级应高于本机构</source>
        <translation>The parent agency must be at a higher level than this agency</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="56"/>
        <source>不得因提出申诉而加重问责：处理结果不得重于或多于原问责方式</source>
        <translation>An appeal cannot lead to heavier accountability: the outcome cannot be heavier than or add to the original measures</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="57"/>
        <source>不是效能督查的恢复密钥文件</source>
        <translation>Not a Xiaoneng Inspector recovery key file</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="58"/>
        <source>不符合“{mitigation}”的条件：{condition}</source>
        <translation>A condition of &quot;{mitigation}&quot; is not met: {condition}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="59"/>
        <source>与中心服务器的会话已过期或已注销，请重新输入密码后同步</source>
        <translation>The session with the central server has expired or was signed out. Enter your password again, then sync</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="60"/>
        <source>与中心服务器的连接不是当前用户的，请重新输入密码后同步</source>
        <translation>The connection to the central server is not the current user&apos;s. Enter your password again, then sync</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="61"/>
        <source>与本机已有的记录重复（如同一文号、同一年度考评），请先处理本机的冲突</source>
        <translation>It duplicates a record on this computer (e.g. the same document number or annual rating). Resolve the local conflict first</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="62"/>
        <source>专项督查事项应为正整数项号</source>
        <translation>The special inspection item must be a positive item number</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="63"/>
        <source>两次输入的口令不一致</source>
        <translation>The two passphrases do not match</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="64"/>
        <source>两次输入的密码不一致</source>
        <translation>The two passwords do not match</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="65"/>
        <source>中心服务器上该用户名对应的账户与本机的不是同一人（用户编号不同），请联系管理员</source>
        <translation>The account with this username on the central server is not the same person as on this computer (different user ID). Please contact the administrator</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="66"/>
        <source>中心服务器保存的本机审计记录中有本机已没有的记录（本机记录被截短或替换），未上传审计记录：请联系管理员核查</source>
        <translation>The central server holds audit entries of this computer that are no longer here (the local trail was truncated or replaced); the audit trail was not uploaded. Please ask the administrator to check</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="67"/>
        <source>中心服务器尚未设置机构恢复密钥：请管理员先运行 python -m server.admin init-keys</source>
        <translation>The central server has no office recovery key yet. The administrator must first run python -m server.admin init-keys</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="68"/>
        <source>中心服务器拒绝了请求（HTTP {status}）：{reason}</source>
        <translation>The central server refused the request (HTTP {status}): {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="69"/>
        <source>中心服务器拒绝了请求：{reason}</source>
        <translation>The central server refused the request: {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="70"/>
        <source>中心服务器暂时不可用（HTTP {status}），同步未完成。本机的更改都还在，稍后会再发送。</source>
        <translation>The central server is temporarily unavailable (HTTP {status}); the sync did not complete. All local changes are kept and will be sent later.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="71"/>
        <source>中心服务器（{host}）没有及时响应，同步未完成。本机的更改都还在，稍后会再发送。</source>
        <translation>The central server ({host}) did not answer in time; the sync did not complete. All local changes are kept and will be sent later.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="72"/>
        <source>中心服务器：用户名或密码错误</source>
        <translation>Central server: wrong username or password</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="73"/>
        <source>主要负责人审批须由初审以外的另一人作出，您已审批过本方案</source>
        <translation>The head of office&apos;s approval must come from someone other than the first approver, and you have already approved this plan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="74"/>
        <source>从服务器收到的证据文件与其哈希不符，未保存</source>
        <translation>The evidence file received from the server does not match its hash and was not saved</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="75"/>
        <source>从服务器收到的证据文件大小不对，未保存</source>
        <translation>The evidence file received from the server has the wrong size and was not saved</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="76"/>
        <source>从轻</source>
        <translation>lighter measures</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="77"/>
        <source>从轻问责不得重于原应适用的问责方式（{measures}）</source>
        <translation>Lighter measures cannot be heavier than those that would apply ({measures})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="78"/>
        <source>从轻问责的，应写明不予从轻时应适用的问责方式</source>
        <translation>With lighter measures, state the measures that would apply without them</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="79"/>
        <source>会话已过期、已注销或无效，请重新登录</source>
        <translation>The session has expired, was signed out or is invalid: please sign in again</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="80"/>
        <source>会话已锁定，请重新输入密码</source>
        <translation>The session is locked. Please enter your password again</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="81"/>
        <source>作主要负责人审批</source>
        <translation>give the head of office&apos;s approval</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="82"/>
        <source>作主要负责人审批（重大事项）</source>
        <translation>Give the head of office&apos;s approval (major matter)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="83"/>
        <source>作出“{measure}”决定的同时，应作出监察建议，一并送交责任单位及责任人</source>
        <translation>With a &quot;{measure}&quot; decision, issue a supervision recommendation and send it to the responsible agency and person</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="84"/>
        <source>作出决定的机关不是问责对象的上级机关效能建设工作机构</source>
        <translation>The deciding body is not the higher-level efficiency office of the subject</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="85"/>
        <source>作出决定的机关的上一级机关</source>
        <translation>the body one level above the deciding body</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="86"/>
        <source>作出申诉处理决定</source>
        <translation>decide the appeal</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="87"/>
        <source>例如 https://xiaoneng.example.gov.cn 或 http://192.168.1.10:8700</source>
        <translation>e.g. https://xiaoneng.example.gov.cn or http://192.168.1.10:8700</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="88"/>
        <source>修改期限提醒设置</source>
        <translation>change the deadline reminder settings</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="89"/>
        <source>修改检查记录</source>
        <translation>edit visit records</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="90"/>
        <source>修改督查方案</source>
        <translation>edit inspection plans</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="91"/>
        <source>修改记录的操作不应为 base_version 0</source>
        <translation>An operation changing a record must not have base_version 0</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="92"/>
        <source>修改问责决定</source>
        <translation>edit accountability decisions</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="93"/>
        <source>免予</source>
        <translation>exemption</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="94"/>
        <source>免予问责的，不得再给予问责方式</source>
        <translation>An exemption gives no measures</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="95"/>
        <source>公开标记应为 true</source>
        <translation>The publication flag must be true</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="96"/>
        <source>公开问责决定</source>
        <translation>publish the accountability decision</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="97"/>
        <source>公钥</source>
        <translation>public key</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="98"/>
        <source>公钥应为 base64 编码的 32 字节 X25519 公钥</source>
        <translation>The public key must be a base64-encoded 32-byte X25519 public key</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="99"/>
        <source>公钥无效：{problem}</source>
        <translation>Invalid public key: {problem}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="100"/>
        <source>内容无法写入本机（{error}）</source>
        <translation>The content cannot be written on this computer ({error})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="101"/>
        <source>决定日期</source>
        <translation>decision date</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="102"/>
        <source>减轻</source>
        <translation>reduced measures</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="103"/>
        <source>减轻问责应低于原应适用的最重问责方式“{ceiling}”，“{measures}”不低于它</source>
        <translation>Reduced measures must be below the heaviest measure that would apply, &quot;{ceiling}&quot;; &quot;{measures}&quot; is not below it</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="104"/>
        <source>减轻问责的，应写明不予减轻时应适用的问责方式</source>
        <translation>With reduced measures, state the measures that would apply without the reduction</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="105"/>
        <source>分办后的投诉应为已分办</source>
        <translation>A routed complaint must be in the routed state</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="106"/>
        <source>分办投诉</source>
        <translation>route complaints</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="107"/>
        <source>分办（自办、转办或督办）</source>
        <translation>Route (handle directly, transfer or supervise)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="108"/>
        <source>分片序号超出了文件大小</source>
        <translation>The part number is beyond the file size</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="109"/>
        <source>列表中不能有空项</source>
        <translation>The list cannot contain empty items</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="110"/>
        <source>办理时限 {limit} 早于今天</source>
        <translation>The time limit {limit} is before today</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="111"/>
        <source>办理时限 {limit} 晚于本投诉的办结期限 {due}</source>
        <translation>The time limit {limit} is after this complaint&apos;s deadline {due}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="112"/>
        <source>办理期限 {due} 已过，不能再申请延期</source>
        <translation>The deadline {due} has passed; no extension can be requested</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="113"/>
        <source>办结后的投诉应为已办结</source>
        <translation>A closed complaint must be in the closed state</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="114"/>
        <source>办结投诉</source>
        <translation>close complaints</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="115"/>
        <source>办结期限 {due} 已过，不能再申请延期</source>
        <translation>The deadline {due} has passed; no extension can be requested</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="116"/>
        <source>办结期限不能早于收到日期</source>
        <translation>The closing deadline cannot be before the date received</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="117"/>
        <source>办结督查方案</source>
        <translation>close inspection plans</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="118"/>
        <source>加密数据格式错误或已损坏</source>
        <translation>The encrypted data is malformed or damaged</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="119"/>
        <source>加密私钥</source>
        <translation>sealed private key</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="120"/>
        <source>加密身份数据格式错误或已损坏</source>
        <translation>The encrypted identity data is malformed or damaged</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="121"/>
        <source>加密身份数据格式错误或版本不受支持</source>
        <translation>The encrypted identity data is malformed or its version is not supported</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="122"/>
        <source>匿名投诉不应带投诉人身份或查重索引</source>
        <translation>An anonymous complaint must not carry a complainant identity or blind indexes</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="123"/>
        <source>匿名投诉没有投诉人身份</source>
        <translation>An anonymous complaint has no complainant identity</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="124"/>
        <source>匿名投诉，无投诉人身份</source>
        <translation>Anonymous complaint: there is no complainant identity</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="125"/>
        <source>单位</source>
        <translation>agency</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="126"/>
        <source>原处理机关</source>
        <translation>the body that made the decision</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="127"/>
        <source>发文字号与机关代字、年份、序号不一致（number）</source>
        <translation>The document number does not match the prefix, year and serial (number)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="128"/>
        <source>变更原决定的，应给予与原决定不同的问责方式</source>
        <translation>Changing the original decision requires measures different from the original ones</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="129"/>
        <source>变更原决定的，请选择变更后的问责方式；不再问责的请选择撤销</source>
        <translation>When varying the decision, select the new measures; to give none, choose revoke</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="130"/>
        <source>变更后的问责方式与原决定相同，请选择维持</source>
        <translation>The new measures are the same as the original; choose uphold</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="131"/>
        <source>口令不正确（或备份文件头已损坏）</source>
        <translation>Wrong passphrase (or the backup file&apos;s header is damaged)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="132"/>
        <source>另一项同时写入的记录已占用同一编号（发文字号，或单位某年度的考评等次）：本批操作均未记录，请同步后处理冲突</source>
        <translation>A record written at the same time already holds the same number (a document number, or an agency&apos;s rating for the year): none of this batch was recorded; sync, then resolve the conflict</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="133"/>
        <source>只有{role}可以{action}督查方案</source>
        <translation>Only {role} can &quot;{action}&quot; inspection plans</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="134"/>
        <source>只有已登录的投诉受理人员可以为新的受理人员授权</source>
        <translation>Only a signed-in complaint handler can grant access to new handlers</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="135"/>
        <source>只有已登录的投诉受理人员可以授权新的受理人员</source>
        <translation>Only a signed-in complaint handler can grant access to new handlers</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="136"/>
        <source>只有投诉受理人员可以查看投诉人身份信息</source>
        <translation>Only complaint handlers can see the complainant&apos;s identity</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="137"/>
        <source>只有提交督查报告时可以写报告（report）</source>
        <translation>The report can only be written when submitting the inspection report (report)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="138"/>
        <source>只有方案起草人或督查组中的督查人员可以提交审批</source>
        <translation>Only the plan&apos;s author or an inspector on its team can submit it for approval</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="139"/>
        <source>只有方案起草人或督查组成员可以修改督查方案</source>
        <translation>Only the plan&apos;s author or team members can edit it</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="140"/>
        <source>只有本方案督查组成员可以修改检查记录</source>
        <translation>Only members of this plan&apos;s team can edit the visit record</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="141"/>
        <source>只有督查组中的督查人员可以{action}</source>
        <translation>Only inspectors on the team can &quot;{action}&quot;</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="142"/>
        <source>只有管理员可以修改自动锁定时间</source>
        <translation>Only an administrator can change the auto-lock time</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="143"/>
        <source>只有管理员可以添加用户</source>
        <translation>Only an administrator can add users</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="144"/>
        <source>只能修改考评等次（rating）</source>
        <translation>Only the rating can be changed (rating)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="145"/>
        <source>只能处理本人的操作（管理员可以放弃他人的操作）</source>
        <translation>You can only resolve your own operations (an administrator can discard other users&apos; operations)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="146"/>
        <source>同一记录的前一项操作尚待其作者推送，本项暂缓</source>
        <translation>An earlier operation on the same record is waiting for its author to push it; this one is deferred</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="147"/>
        <source>同级机关效能建设工作机构</source>
        <translation>the efficiency office at the same level</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="148"/>
        <source>在场确认应为（用户名，密码）列表</source>
        <translation>Presence confirmations must be a list of (user name, password)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="149"/>
        <source>在场确认记录与本检查记录或阶段不符（presence）</source>
        <translation>The presence confirmation does not match this visit or stage (presence)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="150"/>
        <source>处理后的申诉应为已决定</source>
        <translation>A handled appeal must be in the decided state</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="151"/>
        <source>处理方式应为放弃本机更改或重新提交</source>
        <translation>The choice must be to discard the local change or to resubmit it</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="152"/>
        <source>处理结果应为维持、变更或撤销</source>
        <translation>The outcome must be upheld, varied or revoked</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="153"/>
        <source>备份口令至少需要 {count} 个字符</source>
        <translation>The backup passphrase needs at least {count} characters</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="154"/>
        <source>备份文件不完整（可能在复制时被截断），未做任何更改</source>
        <translation>The backup file is incomplete (perhaps cut short while copying); nothing was changed</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="155"/>
        <source>备份文件内容不符合格式，可能已损坏</source>
        <translation>The backup file&apos;s content is not in the expected format; it may be damaged</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="156"/>
        <source>备份文件已损坏或被篡改（第 {segment} 段校验失败），未做任何更改</source>
        <translation>The backup file is damaged or was tampered with (segment {segment} failed its check); nothing was changed</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="157"/>
        <source>备份文件末尾有多余的数据（可能被篡改），未做任何更改</source>
        <translation>The backup file has extra data at its end (it may have been tampered with); nothing was changed</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="158"/>
        <source>备份本机数据</source>
        <translation>back up this computer&apos;s data</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="159"/>
        <source>字段 {name} {problem}</source>
        <translation>Field {name} {problem}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="160"/>
        <source>完善方案并提交审批</source>
        <translation>Complete the plan and submit it for approval</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="161"/>
        <source>完善检查记录，两名督查人员确认到场后定稿</source>
        <translation>Complete the visit record and finalise it once two inspectors confirm presence</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="162"/>
        <source>完成后的检查记录应为已完成</source>
        <translation>A finalised visit must be in the finalised state</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="163"/>
        <source>完成检查记录</source>
        <translation>finalise the visit record</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="164"/>
        <source>实名投诉至少需要填写投诉人姓名、电话或身份证号码之一；否则请登记为匿名投诉</source>
        <translation>A named complaint needs at least the complainant&apos;s name, phone or ID number; otherwise register it as anonymous</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="165"/>
        <source>实名投诉须带加密后的投诉人身份（sealed_identity）</source>
        <translation>A named complaint must carry the sealed complainant identity (sealed_identity)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="166"/>
        <source>审批人不能是方案起草人或督查组成员：审批与实施必须分离，请由其他负责人审批</source>
        <translation>The approver cannot be the plan&apos;s author or a team member: approval and inspection must be separate, so another supervisor must approve</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="167"/>
        <source>审批督查方案</source>
        <translation>approve inspection plans</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="168"/>
        <source>审批记录应为当前用户本人对本方案的一条审批</source>
        <translation>The approval must be one approval of this plan by the current user</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="169"/>
        <source>审批记录重复</source>
        <translation>Duplicate approval</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="170"/>
        <source>审核签发问责决定</source>
        <translation>Review and sign the accountability decision</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="171"/>
        <source>密码至少需要 {min_length} 个字符</source>
        <translation>The password needs at least {min_length} characters</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="172"/>
        <source>密码错误，无法解开私钥</source>
        <translation>Wrong password: the private key cannot be opened</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="173"/>
        <source>密钥无效：{problem}</source>
        <translation>Invalid key: {problem}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="174"/>
        <source>对{kind}不适用“{measure}”；可适用的问责方式：{allowed}</source>
        <translation>&quot;{measure}&quot; does not apply to {kind}; measures that apply: {allowed}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="175"/>
        <source>对机关（单位）问责时不应选择工作人员</source>
        <translation>Do not select an official when holding an agency accountable</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="176"/>
        <source>尚未登录中心服务器，请输入密码后同步</source>
        <translation>Not signed in to the central server. Enter your password, then sync</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="177"/>
        <source>尚未获得查重索引密钥：请另一位投诉受理人员登录并同步一次以完成授权</source>
        <translation>No duplicate-check index key yet: another complaint handler must sign in and sync once to grant it</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="178"/>
        <source>尚未获得查重索引密钥：请重新登录，或请另一位投诉受理人员完成授权</source>
        <translation>No key for finding repeat complaints yet: sign in again, or ask another complaint handler to grant access</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="179"/>
        <source>尚未设置中心服务器地址：请管理员在同步页填写</source>
        <translation>No central server address yet. The administrator must enter it on the Sync page</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="180"/>
        <source>层级应为 1（省）到 4（乡镇、街道）</source>
        <translation>The level must be from 1 (province) to 4 (township, subdistrict)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="181"/>
        <source>属于{article}第{number}项的{kind}，须先报经本级政府立项或政府负责人同意，请填写立项依据（文号）</source>
        <translation>{kind} under item {number} of {article} first needs the approval of the government at the same level or its head: enter the approval reference (document number)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="182"/>
        <source>工作人员人数不能为负数</source>
        <translation>The number of staff cannot be negative</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="183"/>
        <source>已于{decided}作出申诉处理决定，以同一理由继续申诉的，不予受理</source>
        <translation>An appeal decision was made on {decided}; a further appeal on the same grounds is not accepted</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="184"/>
        <source>已到法律规定的期限 {due}，不能延长</source>
        <translation>The statutory deadline {due} has been reached; it cannot be extended</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="185"/>
        <source>已延期 {count} 次，最多 {maximum} 次</source>
        <translation>Already extended {count} time(s); at most {maximum} allowed</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="186"/>
        <source>已延期，不能再次延期</source>
        <translation>Already extended; it cannot be extended again</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="187"/>
        <source>已整改</source>
        <translation>Rectified</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="188"/>
        <source>已有申诉登记，送达日期不能再更改</source>
        <translation>An appeal is registered; the date of receipt can no longer be changed</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="189"/>
        <source>年份应为 {first} 至 {last} 年之间（按中国时间的今天）</source>
        <translation>The year must be between {first} and {last} (by today in China time)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="190"/>
        <source>年度绩效考评被评为{rating}等次</source>
        <translation>Rated {rating} in the annual performance appraisal</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="191"/>
        <source>应为从轻、减轻或免予问责</source>
        <translation>Must be lighter measures, reduced measures or exemption</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="192"/>
        <source>应为列表</source>
        <translation>A list is expected</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="193"/>
        <source>应填写文字</source>
        <translation>Text is expected</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="194"/>
        <source>应将延长期限的理由告知办事对象</source>
        <translation>The reason for the extension must be told to the applicant</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="195"/>
        <source>应通过投诉的原渠道予以答复</source>
        <translation>Reply through the channel the complaint came by</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="196"/>
        <source>延期后的办结期限不能早于原期限</source>
        <translation>The extended deadline cannot be before the original one</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="197"/>
        <source>延期次数应为 {count}</source>
        <translation>The number of extensions must be {count}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="198"/>
        <source>延期须经本机关主要负责人批准</source>
        <translation>An extension needs the approval of the head of the agency</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="199"/>
        <source>延期须经本机关负责人批准</source>
        <translation>An extension needs the approval of the head of the office</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="200"/>
        <source>开始实施督查方案</source>
        <translation>start inspection plans</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="201"/>
        <source>开始实施，开展现场检查</source>
        <translation>Start the plan and carry out the on-site inspection</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="202"/>
        <source>开始检查记录</source>
        <translation>open the visit record</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="203"/>
        <source>引用了本机没有的记录或用户（如新用户尚未添加到本机），稍后再试</source>
        <translation>It refers to a record or user not on this computer (e.g. a new user not added here yet); will try again later</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="204"/>
        <source>当前用户无权{action}</source>
        <translation>You are not allowed to {action}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="205"/>
        <source>当前用户无权查看问责决定草稿</source>
        <translation>You are not allowed to view draft accountability decisions</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="206"/>
        <source>当前用户未归属任何效能办，不能起草督查方案</source>
        <translation>You belong to no efficiency office, so you cannot draft inspection plans</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="207"/>
        <source>当前用户未设置所属效能办，无法登记投诉</source>
        <translation>You belong to no efficiency office, so you cannot register complaints</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="208"/>
        <source>当前用户的角色无权执行此操作（需要：{need}）</source>
        <translation>The current user&apos;s roles may not do this (needs: {need})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="209"/>
        <source>当前用户的角色（{have}）无权执行 {action}（需要：{need}）</source>
        <translation>The current user&apos;s roles ({have}) may not do {action} (needs: {need})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="210"/>
        <source>当前规则配置未规定整改时限，请填写整改期限</source>
        <translation>The current rule profile sets no rectification period; enter a due date</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="211"/>
        <source>当年内</source>
        <translation>this year</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="212"/>
        <source>录入绩效考评等次</source>
        <translation>enter performance ratings</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="213"/>
        <source>恢复密钥不能保存在本机数据文件夹中：请保存到U盘等离线介质</source>
        <translation>The recovery key cannot be saved in this computer&apos;s data folder. Save it to offline media such as a USB drive</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="214"/>
        <source>恢复密钥口令不能与管理员密码相同</source>
        <translation>The recovery key passphrase cannot be the same as the administrator password</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="215"/>
        <source>恢复密钥口令至少需要 {min_length} 个字符</source>
        <translation>The recovery key passphrase needs at least {min_length} characters</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="216"/>
        <source>恢复密钥口令错误或文件已损坏</source>
        <translation>Wrong recovery key passphrase, or the file is damaged</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="217"/>
        <source>恢复本机数据</source>
        <translation>restore this computer&apos;s data</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="218"/>
        <source>所选文件夹不存在</source>
        <translation>The selected folder does not exist</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="219"/>
        <source>所选机构不是效能办</source>
        <translation>The selected agency is not an efficiency office</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="220"/>
        <source>所选条件不属于该容错情形</source>
        <translation>The selected conditions do not belong to this mitigation ground</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="221"/>
        <source>找不到作出决定的机关</source>
        <translation>The deciding body was not found</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="222"/>
        <source>找不到关联的投诉</source>
        <translation>The linked complaint was not found</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="223"/>
        <source>找不到关联的督查方案</source>
        <translation>The linked inspection plan was not found</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="224"/>
        <source>找不到关联的问责决定</source>
        <translation>The linked accountability decision was not found</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="225"/>
        <source>找不到备份文件：{path}</source>
        <translation>Backup file not found: {path}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="226"/>
        <source>找不到承办单位</source>
        <translation>The handling agency was not found</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="227"/>
        <source>找不到文件：{name}</source>
        <translation>File not found: {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="228"/>
        <source>找不到被投诉人</source>
        <translation>The official complained about was not found</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="229"/>
        <source>找不到被投诉单位</source>
        <translation>The agency complained about was not found</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="230"/>
        <source>找不到该{record}（{id}）</source>
        <translation>The {record} was not found ({id})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="231"/>
        <source>找不到该单位</source>
        <translation>The agency was not found</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="232"/>
        <source>找不到该工作人员</source>
        <translation>The official was not found</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="233"/>
        <source>找不到该操作（可能已处理）</source>
        <translation>Operation not found (it may have been resolved already)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="234"/>
        <source>找不到该检查记录（{id}）</source>
        <translation>The visit record was not found ({id})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="235"/>
        <source>找不到该申诉受理机关</source>
        <translation>The body hearing the appeal was not found</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="236"/>
        <source>找不到该督查方案（{id}）</source>
        <translation>The inspection plan was not found ({id})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="237"/>
        <source>找不到问责对象所在单位</source>
        <translation>The subject&apos;s agency was not found</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="238"/>
        <source>投诉</source>
        <translation>complaint</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="239"/>
        <source>投诉{result}的，应当作出解释说明并告知理由</source>
        <translation>Complaint found &quot;{result}&quot;: give an explanation and the reasons</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="240"/>
        <source>投诉办理期限</source>
        <translation>Complaint handling deadline</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="241"/>
        <source>投诉受理人员</source>
        <translation>complaint handlers</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="242"/>
        <source>投诉尚未办结，不能制作答复函</source>
        <translation>The complaint is not closed yet; no reply letter can be made</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="243"/>
        <source>投诉属实的，应当解决、整改，需要问责的予以问责，或移送有关部门</source>
        <translation>A substantiated complaint must be resolved, rectified, answered with accountability where needed, or referred to the competent department</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="244"/>
        <source>投诉已办结</source>
        <translation>The complaint is already closed</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="245"/>
        <source>投诉已办结，不能再办理</source>
        <translation>The complaint is closed and can no longer be handled</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="246"/>
        <source>投诉已办结，不能延期</source>
        <translation>The complaint is closed and cannot be extended</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="247"/>
        <source>按服务器上方案的当前状态，该操作应使方案进入“{target}”，而操作中的状态为“{state}”</source>
        <translation>From the plan&apos;s current state on the server, this operation should move it to &quot;{target}&quot;, but the operation says &quot;{state}&quot;</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="248"/>
        <source>按退回意见修改后重新提交审批</source>
        <translation>Revise as the return asked and submit for approval again</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="249"/>
        <source>推送该操作的督查人员本人须确认在场</source>
        <translation>The inspector pushing the operation must confirm their own presence</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="250"/>
        <source>提交审批时退回理由应清空（return_reason）</source>
        <translation>The return reason must be cleared when submitting for approval (return_reason)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="251"/>
        <source>提交督查报告</source>
        <translation>submit inspection reports</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="252"/>
        <source>提交督查方案</source>
        <translation>submit inspection plans</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="253"/>
        <source>提出整改要求或督查建议</source>
        <translation>issue rectification requirements or supervision suggestions</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="254"/>
        <source>提出日期不能晚于今天</source>
        <translation>The issue date cannot be later than today</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="255"/>
        <source>提前提醒的工作日数应在 0 到 {limit} 之间</source>
        <translation>The working days of advance warning must be between 0 and {limit}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="256"/>
        <source>撤销原决定的，不再给予问责方式</source>
        <translation>When the decision is revoked, no measures may be given</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="257"/>
        <source>操作内容无法校验（{error}）</source>
        <translation>The operation&apos;s content cannot be checked ({error})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="258"/>
        <source>操作没有作者（user_id），服务器不接受</source>
        <translation>The operation has no author (user_id); the server does not accept it</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="259"/>
        <source>操作的设备与当前登录的设备不一致（device_id）</source>
        <translation>The operation&apos;s device is not the signed-in device (device_id)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="260"/>
        <source>收到日期</source>
        <translation>date received</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="261"/>
        <source>收到日期 {date} 晚于今天</source>
        <translation>The date received, {date}, is after today</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="262"/>
        <source>收到申诉日期</source>
        <translation>date the appeal was received</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="263"/>
        <source>效能办</source>
        <translation>efficiency office</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="264"/>
        <source>效能办主要负责人</source>
        <translation>the head of the efficiency office</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="265"/>
        <source>效能问责决定应当予以公开，并采用规范的文书格式</source>
        <translation>The accountability decision must be published, in the standard document format</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="266"/>
        <source>数据库拒绝了该请求，请稍后重试</source>
        <translation>The database refused the request; please try again later</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="267"/>
        <source>数据库暂时不可用，请稍后重试</source>
        <translation>The database is temporarily unavailable; please try again later</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="268"/>
        <source>整改</source>
        <translation>rectification</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="269"/>
        <source>整改情况应为未完成、已整改或未采纳</source>
        <translation>The follow-up must be open, rectified or not adopted</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="270"/>
        <source>整改期限不能早于提出日期</source>
        <translation>The due date cannot be earlier than the issue date</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="271"/>
        <source>整改要求</source>
        <translation>Rectification requirement</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="272"/>
        <source>整改要求或督查建议</source>
        <translation>rectification requirement or supervision suggestion</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="273"/>
        <source>文件内容与其 SHA-256 不符（传输中损坏或文件不对）</source>
        <translation>The file content does not match its SHA-256 (damaged in transfer, or the wrong file)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="274"/>
        <source>文件在复制过程中被修改，请重新添加</source>
        <translation>The file changed while it was being copied; add it again</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="275"/>
        <source>文件大小与检查记录中登记的不符</source>
        <translation>The file size does not match the one recorded in the visit</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="276"/>
        <source>文件夹不存在：{path}</source>
        <translation>The folder does not exist: {path}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="277"/>
        <source>新建的督查方案应为草稿</source>
        <translation>A new inspection plan must be a draft</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="278"/>
        <source>新建记录的操作应为 base_version 0</source>
        <translation>An operation creating a record must have base_version 0</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="279"/>
        <source>新登记的投诉应为已登记</source>
        <translation>A newly registered complaint must be in the registered state</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="280"/>
        <source>新登记的申诉应为已收到</source>
        <translation>A newly registered appeal must be in the received state</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="281"/>
        <source>新的整改要求应为未完成</source>
        <translation>A new rectification must be open</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="282"/>
        <source>新的检查记录应为进行中</source>
        <translation>A new visit must be in progress</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="283"/>
        <source>新的问责决定应为草稿</source>
        <translation>A new accountability decision must be a draft</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="284"/>
        <source>方案当前状态为“{state}”或您不是起草人、督查组成员：只有草稿或已退回的方案可由起草人或督查组成员修改</source>
        <translation>The plan is &quot;{state}&quot; or you are neither its author nor on its team: only a draft or returned plan can be edited, by its author or team members</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="285"/>
        <source>方案当前状态为“{state}”，不能{action}（只有{allowed}状态的方案可以{action}）</source>
        <translation>The plan is &quot;{state}&quot;, so &quot;{action}&quot; is not possible (only {allowed} plans allow &quot;{action}&quot;)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="286"/>
        <source>方案当前状态为“{state}”，只有草稿或已退回的方案可以修改</source>
        <translation>The plan is &quot;{state}&quot;; only draft or returned plans can be edited</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="287"/>
        <source>方案当前状态为“{state}”，方案经批准后才能{stage}</source>
        <translation>The plan is &quot;{state}&quot;: you can {stage} only once the plan is approved</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="288"/>
        <source>方案标题不能超过 {limit} 个字</source>
        <translation>The plan title cannot be longer than {limit} characters</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="289"/>
        <source>方案状态“{state}”不存在</source>
        <translation>There is no plan state &quot;{state}&quot;</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="290"/>
        <source>无</source>
        <translation>none</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="291"/>
        <source>无权执行此操作</source>
        <translation>not allowed to do this</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="292"/>
        <source>无权解密：该投诉人身份没有为密钥“{key_id}”加密</source>
        <translation>Not allowed to decrypt: this complainant identity was not encrypted for key &quot;{key_id}&quot;</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="293"/>
        <source>无法写入备份文件：{reason}</source>
        <translation>Cannot write the backup file: {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="294"/>
        <source>无法写入恢复密钥文件：{reason}</source>
        <translation>Cannot write the recovery key file: {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="295"/>
        <source>无法写入恢复的数据：{reason}</source>
        <translation>Cannot write the restored data: {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="296"/>
        <source>无法写入本机数据库</source>
        <translation>Cannot write to the local database</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="297"/>
        <source>无法恢复服务器上的内容：{problem}</source>
        <translation>Cannot restore the server&apos;s content: {problem}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="298"/>
        <source>无法替换数据文件夹（{reason}），当前数据未改动</source>
        <translation>Cannot replace the data folder ({reason}); the current data is unchanged</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="299"/>
        <source>无法解密投诉人身份：密钥不匹配或数据已损坏，未解密任何内容。请联系管理员</source>
        <translation>The complainant&apos;s identity cannot be decrypted: the key does not match or the data is damaged. Nothing was decrypted. Contact the administrator</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="300"/>
        <source>无法解开本人私钥，请联系管理员</source>
        <translation>Your private key cannot be opened. Please contact the administrator</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="301"/>
        <source>无法读写证据文件：{reason}</source>
        <translation>Cannot read or write evidence files: {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="302"/>
        <source>无法读取备份文件：{reason}</source>
        <translation>Cannot read the backup file: {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="303"/>
        <source>无法读取或保存文件：{name}（{reason}）</source>
        <translation>Cannot read or save the file: {name} ({reason})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="304"/>
        <source>无法读取服务器上的内容：{problem}</source>
        <translation>Cannot read the server&apos;s content: {problem}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="305"/>
        <source>无法连接中心服务器（{host}）：请检查服务器地址和网络</source>
        <translation>Cannot connect to the central server ({host}). Check the server address and the network</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="306"/>
        <source>无法连接中心服务器（{host}）：请检查网络和服务器地址。本机的更改都还在，稍后会再发送。</source>
        <translation>Cannot connect to the central server ({host}). Check the network and the server address. All local changes are kept and will be sent later.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="307"/>
        <source>时钟戳中的设备与操作的设备不一致（hlc）</source>
        <translation>The device in the clock stamp is not the operation&apos;s device (hlc)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="308"/>
        <source>更改规则配置</source>
        <translation>change the rule profile</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="309"/>
        <source>服务器上保存的本人私钥无法用该密码解开：请联系管理员</source>
        <translation>Your private key stored on the server cannot be opened with this password. Please contact the administrator</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="310"/>
        <source>服务器上已有该记录，不能再次新建：请放弃本机更改</source>
        <translation>The server already has this record, it cannot be created again. Discard the local change</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="311"/>
        <source>服务器上本人的公钥与私钥不匹配：请联系管理员</source>
        <translation>Your public and private keys on the server do not match. Please contact the administrator</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="312"/>
        <source>服务器上本人的角色无权执行此操作</source>
        <translation>Your role on the server may not do this</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="313"/>
        <source>服务器上没有该检查记录所属的督查方案</source>
        <translation>The server does not have the inspection plan of this visit</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="314"/>
        <source>服务器上没有该记录（新建它的操作被拒绝或尚未发送）</source>
        <translation>The server does not have this record (the operation creating it was rejected or not sent yet)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="315"/>
        <source>服务器上没有该记录（新建它的操作被拒绝或尚未推送）</source>
        <translation>The server does not have this record (the operation creating it was rejected or not pushed yet)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="316"/>
        <source>服务器上没有该问责决定</source>
        <translation>The server does not have this accountability decision</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="317"/>
        <source>服务器上的该记录已被其他人修改，本机的更改是在旧版本上做的</source>
        <translation>Someone else changed this record on the server; the local change was made on an older version</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="318"/>
        <source>服务器上的该记录已被其他设备修改（服务器版本 {server_version}，本机的更改基于版本 {base_version}）。下次同步时自由文本按时间先后合并，流程操作可能被服务器拒绝</source>
        <translation>Another device changed this record on the server (server version {server_version}, the local change is based on version {base_version}). At the next sync, free text is merged in time order; workflow actions may be rejected by the server</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="319"/>
        <source>服务器上还没有该记录（新建它的操作被拒绝或尚未同步）：请先同步或处理新建它的操作</source>
        <translation>The server does not have this record yet (the operation creating it was rejected or not synced yet). Sync first, or resolve the operation that creates it</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="320"/>
        <source>服务器不认识该操作（action），或它不属于该记录类型</source>
        <translation>The server does not know this operation (action), or it does not belong to this record type</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="321"/>
        <source>服务器不认识该记录类型（entity）</source>
        <translation>The server does not know this record type (entity)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="322"/>
        <source>服务器关于证据文件分片的答复格式不对</source>
        <translation>The server&apos;s answer about evidence file parts is malformed</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="323"/>
        <source>服务器内部错误，已记录，请联系管理员</source>
        <translation>Internal server error (logged); please contact the administrator</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="324"/>
        <source>服务器发布的公钥格式不对</source>
        <translation>A public key published by the server is malformed</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="325"/>
        <source>服务器地址不能带“?”或“#”后的部分</source>
        <translation>The server address cannot have a part after &quot;?&quot; or &quot;#&quot;</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="326"/>
        <source>服务器地址不能超过 {max_length} 个字符</source>
        <translation>The server address cannot be longer than {max_length} characters</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="327"/>
        <source>服务器地址中不能包含用户名或密码</source>
        <translation>The server address cannot contain a username or password</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="328"/>
        <source>服务器地址中不能有空格</source>
        <translation>The server address cannot contain spaces</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="329"/>
        <source>服务器地址应以 http:// 或 https:// 开头，{example}</source>
        <translation>The server address must start with http:// or https://, {example}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="330"/>
        <source>服务器地址无效：{example}</source>
        <translation>Invalid server address: {example}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="331"/>
        <source>服务器地址的端口号无效</source>
        <translation>The port number of the server address is invalid</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="332"/>
        <source>服务器尚未发来该记录的全部内容，稍后再试</source>
        <translation>The server has not sent all of this record yet; will try again later</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="333"/>
        <source>服务器尚未设置机构恢复密钥：请管理员先运行 init-keys</source>
        <translation>The server has no office recovery key yet: the administrator must run init-keys first</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="334"/>
        <source>服务器拒收投诉人身份明文字段（{fields}）：身份只能以加密信封（sealed_identity）和查重索引上传（FJ 34、MAS 15）</source>
        <translation>The server refuses plaintext complainant identity fields ({fields}): the identity can only be uploaded as a sealed envelope (sealed_identity) and blind indexes (FJ 34, MAS 15)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="335"/>
        <source>服务器拒绝了该操作</source>
        <translation>The server rejected this operation</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="336"/>
        <source>服务器暂时无法保存该文件（存储空间或权限），请稍后重试</source>
        <translation>The server cannot store the file right now (storage space or permissions); please try again later</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="337"/>
        <source>服务器登记的设备与本机不一致</source>
        <translation>The device registered on the server does not match this computer</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="338"/>
        <source>服务器的审计记录答复格式不对</source>
        <translation>The server&apos;s audit trail answer is malformed</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="339"/>
        <source>服务器的审计记录答复缺少 last_hash</source>
        <translation>The server&apos;s audit trail answer has no last_hash</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="340"/>
        <source>服务器的推送答复缺少 results</source>
        <translation>The server&apos;s push answer has no results</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="341"/>
        <source>服务器的文号段答复格式不对</source>
        <translation>The server&apos;s document number block answer is malformed</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="342"/>
        <source>服务器的登录答复缺少会话令牌</source>
        <translation>The server&apos;s sign-in answer has no session token</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="343"/>
        <source>服务器的答复不是 JSON</source>
        <translation>The server&apos;s answer is not JSON</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="344"/>
        <source>服务器的答复格式不对：{field}</source>
        <translation>The server&apos;s answer is malformed: {field}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="345"/>
        <source>服务器的答复缺少或格式不对：{field}</source>
        <translation>The server&apos;s answer is missing or malformed: {field}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="346"/>
        <source>服务器的通讯录中没有当前用户</source>
        <translation>The current user is not in the server&apos;s directory</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="347"/>
        <source>服务器的通讯录格式不对</source>
        <translation>The server&apos;s directory is malformed</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="348"/>
        <source>服务器的通讯录格式不对：{field}</source>
        <translation>The server&apos;s directory is malformed: {field}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="349"/>
        <source>服务器确认的审计记录与所上传的不一致</source>
        <translation>The audit entries confirmed by the server do not match those uploaded</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="350"/>
        <source>服务器答复了未推送的操作</source>
        <translation>The server answered for operations that were not pushed</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="351"/>
        <source>服务器答复了未知的操作状态</source>
        <translation>The server answered with an unknown operation status</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="352"/>
        <source>服务器答复的文号段与所请求的不符</source>
        <translation>The number block the server sent does not match the one requested</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="353"/>
        <source>服务器返回的操作顺序不对（seq）</source>
        <translation>The server returned operations in the wrong order (seq)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="354"/>
        <source>服务器返回的游标早于请求的游标</source>
        <translation>The server returned a cursor earlier than the one requested</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="355"/>
        <source>服务器返回的记录格式不对</source>
        <translation>The server returned a malformed record</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="356"/>
        <source>服务器返回的记录没有向前推进（next）</source>
        <translation>The records returned by the server do not move forward (next)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="357"/>
        <source>未完成</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="358"/>
        <source>未知的从轻、减轻或免予问责情形：{mitigation}</source>
        <translation>Unknown mitigation ground: {mitigation}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="359"/>
        <source>未知的办理方式，可选：{names}</source>
        <translation>Unknown handling mode; choose one of: {names}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="360"/>
        <source>未知的处理措施</source>
        <translation>Unknown follow-up action</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="361"/>
        <source>未知的处理措施（follow_up）</source>
        <translation>Unknown follow-up measure (follow_up)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="362"/>
        <source>未知的投诉渠道，可选：{names}</source>
        <translation>Unknown complaint channel; choose one of: {names}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="363"/>
        <source>未知的答复渠道</source>
        <translation>Unknown reply channel</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="364"/>
        <source>未知的紧急情形：{criteria}</source>
        <translation>Unknown urgency criteria: {criteria}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="365"/>
        <source>未知的规则配置</source>
        <translation>Unknown rule profile</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="366"/>
        <source>未知的问责情形：{ground}</source>
        <translation>Unknown ground for accountability: {ground}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="367"/>
        <source>未知的问责方式（减轻、从轻前）：{measure}</source>
        <translation>Unknown measure (before mitigation): {measure}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="368"/>
        <source>未知的问责方式：{measure}</source>
        <translation>Unknown measure: {measure}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="369"/>
        <source>未选择容错情形，不应勾选其条件</source>
        <translation>No mitigation ground is selected, so none of its conditions can be ticked</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="370"/>
        <source>未采纳</source>
        <translation>Not adopted</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="371"/>
        <source>未采纳的，应写明被督查单位提出的正当理由（FJ 28）</source>
        <translation>If not adopted, state the justified reason the inspected agency gave (FJ 28)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="372"/>
        <source>本人的密钥已在服务器上，不能替换：请在新电脑上用原密码登录以取回</source>
        <translation>Your key is already on the server and cannot be replaced: sign in with your original password on the new computer to retrieve it</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="373"/>
        <source>本人私钥未解开，请重新登录</source>
        <translation>Your private key is not unlocked; sign in again</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="374"/>
        <source>本单位{period}被上级机关效能建设工作机构给予{measures}共{count}次（达到{threshold}次）</source>
        <translation>The agency received {measures} from a higher-level efficiency office {count} times {period} (threshold {threshold})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="375"/>
        <source>本单位{period}被给予{measures}共{count}次（达到{threshold}次）</source>
        <translation>The agency received {measures} {count} times {period} (threshold {threshold})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="376"/>
        <source>本投诉登记时您尚未获得授权：请另一位投诉受理人员登录并为新受理人员授权后再查看</source>
        <translation>You had no access yet when this complaint was registered: ask another complaint handler to sign in and grant access to new handlers, then try again</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="377"/>
        <source>本机不认识该记录类型（请升级本程序）</source>
        <translation>This computer does not know this kind of record (please update the program)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="378"/>
        <source>本机关工作人员{period}被上级机关效能建设工作机构给予{measures}共{count}人次（达到{threshold}人次）</source>
        <translation>The agency&apos;s staff received {measures} from a higher-level efficiency office {count} times {period} (threshold {threshold})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="379"/>
        <source>本机关工作人员{period}被给予{measures}共{count}人次（达到{threshold}人次）</source>
        <translation>The agency&apos;s staff received {measures} {count} times {period} (threshold {threshold})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="380"/>
        <source>本机已有用户“{username}”，但与中心服务器上的不是同一人：请联系管理员</source>
        <translation>This computer already has a user &quot;{username}&quot;, but not the same person as on the central server. Please contact the administrator</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="381"/>
        <source>本机已有用户：请由管理员登录后在 设置 → 备份与恢复 中恢复</source>
        <translation>This computer already has users: an administrator must sign in and restore under Settings &gt; Backup and restore</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="382"/>
        <source>本机已没有可用的发文字号（{prefix}〔{year}〕）：请联网同步以获取文号后再签发</source>
        <translation>This computer has no document numbers left ({prefix} {year}): sync online to get numbers, then sign off</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="383"/>
        <source>本机已没有该记录，不能重新提交</source>
        <translation>This record is no longer on this computer and cannot be resubmitted</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="384"/>
        <source>本机已设置机构密钥</source>
        <translation>The office keys are already set up on this computer</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="385"/>
        <source>本机已设置过，请直接登录</source>
        <translation>This computer is already set up. Please sign in</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="386"/>
        <source>本机已连接中心服务器 {server}</source>
        <translation>This computer is already connected to the central server {server}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="387"/>
        <source>本机数据已恢复，请重新启动程序</source>
        <translation>This computer&apos;s data has been restored; restart the program</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="388"/>
        <source>本机数据由备份恢复后尚未同步：请先联网同步，取回备份之后已签发的文号，再签发</source>
        <translation>This laptop was restored from a backup and has not synced since: sync first to get back the document numbers given after the backup, then sign off</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="389"/>
        <source>本规则未设工作任务延期</source>
        <translation>These rules allow no extension of work tasks</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="390"/>
        <source>本规则未设紧急投诉限时办结，不能标记为紧急</source>
        <translation>These rules set no time limit for urgent complaints, so a complaint cannot be marked urgent</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="391"/>
        <source>本设备已有 {count} 个尚未使用的该类文号段：请先同步已签发的文书</source>
        <translation>This device already has {count} unused number blocks of this kind: sync the signed documents first</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="392"/>
        <source>本设备没有该文号段</source>
        <translation>This device does not have this number block</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="393"/>
        <source>本设备的另一次上传同时进行或记录编号重复，请稍后重试</source>
        <translation>Another upload from this device is running, or an entry number is repeated; please try again later</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="394"/>
        <source>机关代字不是规则配置中的发文字号前缀（prefix）</source>
        <translation>The prefix is not a document number prefix in the rule profiles (prefix)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="395"/>
        <source>机关工作人员</source>
        <translation>an agency official</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="396"/>
        <source>机关（单位）</source>
        <translation>an agency</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="397"/>
        <source>机构</source>
        <translation>agency</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="398"/>
        <source>机构类型应为机关/单位或效能办</source>
        <translation>The agency type must be agency/unit or efficiency office</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="399"/>
        <source>查看单位问责情况</source>
        <translation>view an agency&apos;s accountability record</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="400"/>
        <source>查看投诉</source>
        <translation>view complaints</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="401"/>
        <source>查看投诉统计</source>
        <translation>view complaint statistics</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="402"/>
        <source>查看整改要求或督查建议</source>
        <translation>view rectification requirements and supervision suggestions</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="403"/>
        <source>查看文书</source>
        <translation>view documents</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="404"/>
        <source>查看申诉期限</source>
        <translation>view appeal deadlines</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="405"/>
        <source>查看该文书</source>
        <translation>view this document</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="406"/>
        <source>查看问责决定</source>
        <translation>view accountability decisions</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="407"/>
        <source>查看问责后果</source>
        <translation>view the consequences of accountability</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="408"/>
        <source>查询重复投诉</source>
        <translation>look up repeat complaints</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="409"/>
        <source>查重索引密钥</source>
        <translation>blind-index key</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="410"/>
        <source>查重索引密钥与服务器上的不是同一把：只能为新的受理人员增加授权</source>
        <translation>The blind-index key is not the one on the server: you can only grant it to new complaint handlers</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="411"/>
        <source>检查地点不能超过 {limit} 个字</source>
        <translation>The place cannot be longer than {limit} characters</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="412"/>
        <source>检查日期</source>
        <translation>visit date</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="413"/>
        <source>检查日期不能晚于今天</source>
        <translation>The visit date cannot be after today</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="414"/>
        <source>检查记录已完成，不能再修改</source>
        <translation>The visit record is finalised and can no longer be changed</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="415"/>
        <source>正在上传证据文件</source>
        <translation>Uploading evidence files</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="416"/>
        <source>正在加密写入备份：{percent}%</source>
        <translation>Encrypting and writing the backup: {percent}%</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="417"/>
        <source>正在发送本机的更改：{done}/{total}</source>
        <translation>Sending local changes: {done}/{total}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="418"/>
        <source>正在接收服务器上的更改…</source>
        <translation>Receiving changes from the server...</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="419"/>
        <source>正在接收服务器上的更改：已接收 {count} 项</source>
        <translation>Receiving changes from the server: {count} received</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="420"/>
        <source>正在接收服务器上的记录…</source>
        <translation>Receiving records from the server...</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="421"/>
        <source>正在接收服务器上的记录：已接收 {count} 条</source>
        <translation>Receiving records from the server: {count} received</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="422"/>
        <source>正在接收证据文件</source>
        <translation>Receiving evidence files</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="423"/>
        <source>正在检查恢复的数据库…</source>
        <translation>Checking the restored database...</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="424"/>
        <source>正在解密并校验备份…</source>
        <translation>Decrypting and verifying the backup...</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="425"/>
        <source>正在读取数据库快照…</source>
        <translation>Reading a snapshot of the database...</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="426"/>
        <source>每页条数应在 1 到 {most} 之间</source>
        <translation>Rows per page must be between 1 and {most}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="427"/>
        <source>没有可查看的检查记录含有该证据文件</source>
        <translation>No visit you may see contains this evidence file</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="428"/>
        <source>添加证据</source>
        <translation>add evidence</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="429"/>
        <source>状态应为草稿或已签发</source>
        <translation>The state must be draft or signed</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="430"/>
        <source>用户名“{username}”已存在</source>
        <translation>The username &quot;{username}&quot; already exists</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="431"/>
        <source>用户名或密码错误</source>
        <translation>Wrong username or password</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="432"/>
        <source>申诉</source>
        <translation>appeal</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="433"/>
        <source>申诉处理决定应于{due}前作出，已超期{late}日</source>
        <translation>The appeal decision was due by {due}; it is {late} days late</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="434"/>
        <source>申诉处理决定日期</source>
        <translation>appeal decision date</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="435"/>
        <source>申诉处理决定日期不能早于收到申诉的日期</source>
        <translation>The appeal decision date cannot be before the date the appeal was received</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="436"/>
        <source>申诉处理决定日期（{decided}）早于收到申诉之日（{received}）</source>
        <translation>The appeal decision date ({decided}) is earlier than the day the appeal was received ({received})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="437"/>
        <source>申诉处理期限</source>
        <translation>Appeal decision deadline</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="438"/>
        <source>申诉处理结果中的“{measure}”不适用于该问责对象</source>
        <translation>&quot;{measure}&quot; in the appeal outcome does not apply to this subject</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="439"/>
        <source>申诉应当以书面形式提出</source>
        <translation>An appeal must be made in writing</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="440"/>
        <source>申诉应当写明理由</source>
        <translation>An appeal must state its reasons</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="441"/>
        <source>申诉所针对的问责决定与所附决定不一致</source>
        <translation>The appeal is against a different accountability decision than the one attached</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="442"/>
        <source>申诉日期（{filed}）早于收到问责决定之日（{received}）</source>
        <translation>The appeal date ({filed}) is earlier than the day the decision was received ({received})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="443"/>
        <source>申诉期限</source>
        <translation>Appeal period</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="444"/>
        <source>申诉期限已于{due}届满（自收到问责决定之日起{days}日），逾期{late}日</source>
        <translation>The appeal period ended on {due} ({days} days from receipt of the decision); {late} days late</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="445"/>
        <source>申请投诉延期</source>
        <translation>request complaint extensions</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="446"/>
        <source>电话号码不能为空</source>
        <translation>The phone number cannot be empty</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="447"/>
        <source>电话号码只能包含数字、空格、连字符和 +86 前缀</source>
        <translation>A phone number may only contain digits, spaces, hyphens and the +86 prefix</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="448"/>
        <source>登记投诉</source>
        <translation>register complaints</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="449"/>
        <source>登记整改情况</source>
        <translation>record the follow-up of rectifications</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="450"/>
        <source>登记申诉</source>
        <translation>register appeals</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="451"/>
        <source>登记送达日期</source>
        <translation>record the date of receipt</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="452"/>
        <source>登记送达日期（申诉期限自送达起算）</source>
        <translation>Record the date of receipt (the appeal period runs from receipt)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="453"/>
        <source>督促{kind}落实</source>
        <translation>Urge that the {kind} be carried out</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="454"/>
        <source>督查、检查或调查不得少于{minimum}人：以本人凭证确认在场的督查组成员只有{count}名，不能{stage}</source>
        <translation>An inspection needs at least {minimum} people: only {count} team member(s) confirmed presence with their own credentials, so you cannot {stage}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="455"/>
        <source>督查、检查或调查不得少于{minimum}人：督查组只有{count}名不同的督查人员</source>
        <translation>An inspection needs at least {minimum} people: the team has only {count} distinct inspector(s)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="456"/>
        <source>督查、检查或调查不得少于{minimum}人：督查组只有{count}名不同的督查人员（共列出{listed}人次，同一人只计一次）</source>
        <translation>An inspection needs at least {minimum} people: the team has only {count} distinct inspector(s) ({listed} listed; each person counts once)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="457"/>
        <source>督查人员</source>
        <translation>inspectors</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="458"/>
        <source>督查建议</source>
        <translation>Supervision suggestion</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="459"/>
        <source>督查类型“{kind}”不在本单位的规则配置中，请重新选择督查类型</source>
        <translation>The inspection type &quot;{kind}&quot; is not in this office&apos;s rule profile; choose the type again</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="460"/>
        <source>督查类型“{kind}”不存在，请从{names}中选择</source>
        <translation>There is no inspection type &quot;{kind}&quot;; choose one of: {names}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="461"/>
        <source>督查类型不在该规则配置中（kind）</source>
        <translation>The inspection kind is not in this rule profile (kind)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="462"/>
        <source>督查组成员应为用户列表</source>
        <translation>The team must be a list of users</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="463"/>
        <source>督查组成员重复（team_ids）</source>
        <translation>Duplicate team members (team_ids)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="464"/>
        <source>督查组成员（{id}）不存在或已停用</source>
        <translation>Team member ({id}) does not exist or is deactivated</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="465"/>
        <source>督查结束日期</source>
        <translation>Inspection end date</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="466"/>
        <source>私钥文件格式错误或已损坏</source>
        <translation>The private key file is malformed or damaged</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="467"/>
        <source>私钥文件格式错误或版本不受支持</source>
        <translation>The private key file is malformed or its version is not supported</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="468"/>
        <source>私钥文件的密钥派生参数无效</source>
        <translation>The private key file has invalid key derivation parameters</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="469"/>
        <source>科室负责人（机构负责人）</source>
        <translation>supervisors (heads of unit)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="470"/>
        <source>立项依据不能超过 {limit} 个字</source>
        <translation>The approval reference cannot be longer than {limit} characters</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="471"/>
        <source>第 {index} 个分片应有 {size} 字节</source>
        <translation>Part {index} must have {size} bytes</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="472"/>
        <source>第 {number} 条记录</source>
        <translation>Entry {number}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="473"/>
        <source>第 {number} 条记录与服务器已有的本设备第 {position} 条不同：审计记录被改写，拒收</source>
        <translation>Entry {number} differs from this device&apos;s entry {position} on the server: the audit log was rewritten; refused</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="474"/>
        <source>第 {number} 条记录没有接在前一条之后（链接断开）</source>
        <translation>Entry {number} does not follow the previous one (broken chain)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="475"/>
        <source>第{number}项</source>
        <translation>item {number}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="476"/>
        <source>第一条记录接在服务器没有的记录之后：服务器已有本设备的 {count} 条，请从其后一条开始上传</source>
        <translation>The first entry follows one the server does not have: the server has {count} entries from this device; upload from the one after them</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="477"/>
        <source>签发后的问责决定应为已签发</source>
        <translation>A signed accountability decision must be in the signed state</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="478"/>
        <source>签发文书</source>
        <translation>sign off documents</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="479"/>
        <source>签发该文书</source>
        <translation>sign off this document</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="480"/>
        <source>签发问责决定</source>
        <translation>sign accountability decisions</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="481"/>
        <source>类型应为整改要求或督查建议</source>
        <translation>The type must be a rectification requirement or a supervision suggestion</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="482"/>
        <source>系统管理员</source>
        <translation>system administrators</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="483"/>
        <source>结束日期不能早于开始日期</source>
        <translation>The end date cannot be before the start date</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="484"/>
        <source>统计月数应在 1 到 {limit} 之间</source>
        <translation>The number of months must be between 1 and {limit}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="485"/>
        <source>维护人员</source>
        <translation>manage officials</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="486"/>
        <source>维护机构</source>
        <translation>manage agencies</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="487"/>
        <source>维持原决定的，处理结果应与原问责方式一致</source>
        <translation>When the decision is upheld, the outcome must match the original measures</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="488"/>
        <source>维持原决定的，问责方式应不变</source>
        <translation>Upholding the original decision keeps its measures unchanged</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="489"/>
        <source>缺少决定日期</source>
        <translation>The decision date is missing</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="490"/>
        <source>缺少办结日期</source>
        <translation>The closing date is missing</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="491"/>
        <source>缺少在场确认记录（presence）</source>
        <translation>The presence confirmation is missing (presence)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="492"/>
        <source>缺少字段：{fields}</source>
        <translation>Missing fields: {fields}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="493"/>
        <source>考评年度应在 2000 到 {latest} 之间</source>
        <translation>The rating year must be between 2000 and {latest}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="494"/>
        <source>考评等次不在规则配置中</source>
        <translation>The rating is not in the rule profile</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="495"/>
        <source>考评等次应为：{ratings}</source>
        <translation>The rating must be one of: {ratings}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="496"/>
        <source>自动同步间隔应在 0 到 {max_minutes} 分钟之间（0 为不自动同步）</source>
        <translation>The automatic sync interval must be between 0 and {max_minutes} minutes (0: no automatic sync)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="497"/>
        <source>自动锁定时间应在 1 到 240 分钟之间</source>
        <translation>The auto-lock time must be between 1 and 240 minutes</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="498"/>
        <source>至少应写明一项问责情形（事实依据）</source>
        <translation>State at least one ground for accountability (the facts)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="499"/>
        <source>至少应选择一种问责方式</source>
        <translation>Select at least one measure</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="500"/>
        <source>至少选择一个角色</source>
        <translation>Select at least one role</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="501"/>
        <source>规则配置“{profile}”没有该文书（{kind}）</source>
        <translation>Rule profile &quot;{profile}&quot; has no such document ({kind})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="502"/>
        <source>规则配置不存在（profile_id）</source>
        <translation>The rule profile does not exist (profile_id)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="503"/>
        <source>解密后的数据格式错误</source>
        <translation>The decrypted data is malformed</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="504"/>
        <source>解密后的身份数据格式错误</source>
        <translation>The decrypted identity data is malformed</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="505"/>
        <source>解密失败：密钥不匹配、记录不符或数据已被篡改</source>
        <translation>Decryption failed: wrong key, wrong record, or the data has been tampered with</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="506"/>
        <source>记录所属效能办与当前用户所属效能办不一致（office_id）</source>
        <translation>The record&apos;s office is not the current user&apos;s office (office_id)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="507"/>
        <source>设置中心服务器地址</source>
        <translation>set the central server address</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="508"/>
        <source>证据文件不能超过 {size} MB</source>
        <translation>An evidence file cannot exceed {size} MB</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="509"/>
        <source>证据类型应为照片、扫描件、录音或其他</source>
        <translation>The evidence type must be photo, scan, recording or other</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="510"/>
        <source>证据记录应属于本检查记录、由当前用户添加</source>
        <translation>Evidence must belong to this visit and be added by the current user</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="511"/>
        <source>该 op_id 已用于另一项不同的操作，未予记录</source>
        <translation>This op_id was already used for a different operation; not recorded</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="512"/>
        <source>该会话是在另一台设备上登录的，不能代其上传审计记录（device_id）</source>
        <translation>This session was signed in on another device and cannot upload audit entries for it (device_id)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="513"/>
        <source>该会话是在另一台设备上登录的，不能代其推送（device_id）</source>
        <translation>This session was signed in on another device and cannot push for it (device_id)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="514"/>
        <source>该单位该年度已有考评等次：请在其上修改</source>
        <translation>This agency already has a rating for the year: change that one</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="515"/>
        <source>该发文字号不在服务器分给本设备的文号段内（或已退回）：请联网同步以获取文号后重新签发</source>
        <translation>This document number is not in a block the server gave this device (or it was returned): sync online to get numbers, then sign again</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="516"/>
        <source>该发文字号不是服务器上本问责决定文书的编号：签发文书的操作应先推送且被接受</source>
        <translation>This document number is not the number of this decision&apos;s document on the server: the signing of the document must be pushed and accepted first</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="517"/>
        <source>该发文字号已在全办使用，不能重复编号</source>
        <translation>This document number is already used in the office and cannot be used again</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="518"/>
        <source>该发文字号已被另一份问责决定使用</source>
        <translation>This document number is already used by another accountability decision</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="519"/>
        <source>该地址不是效能督查中心服务器，或版本不符：{reason}</source>
        <translation>This address is not a Xiaoneng Inspector central server, or its version does not match: {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="520"/>
        <source>该备份文件由更新版本的程序生成（格式版本 {version}），请先升级本程序</source>
        <translation>This backup file was made by a newer version of the program (format version {version}); upgrade this program first</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="521"/>
        <source>该备份来自更新版本的程序（数据结构 {revision}），请先升级本程序再恢复</source>
        <translation>This backup comes from a newer version of the program (data structure {revision}); upgrade this program before restoring</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="522"/>
        <source>该工作人员不属于所选单位</source>
        <translation>The official does not belong to the selected agency</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="523"/>
        <source>该投诉受理人员尚未生成密钥，请联系管理员</source>
        <translation>This complaint handler has no key yet. Please contact the administrator</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="524"/>
        <source>该操作不应修改退回理由（return_reason）</source>
        <translation>This operation must not change the return reason (return_reason)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="525"/>
        <source>该操作不应带字段：{fields}</source>
        <translation>This operation must not carry the fields: {fields}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="526"/>
        <source>该操作不应带审批记录</source>
        <translation>This operation must not carry approvals</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="527"/>
        <source>该操作尚未被服务器拒绝，会在下次同步时发送；如不需要可放弃</source>
        <translation>The server has not rejected this operation; it will be sent at the next sync. Discard it if it is no longer needed</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="528"/>
        <source>该操作已处理</source>
        <translation>This operation has already been resolved</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="529"/>
        <source>该操作没有冲突，会在下次同步时发送</source>
        <translation>This operation has no conflict; it will be sent at the next sync</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="530"/>
        <source>该操作由另一位用户作出：请该用户登录后推送，未予记录</source>
        <translation>This operation was made by another user: it is pushed when that user signs in; not recorded</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="531"/>
        <source>该操作的内容无法再次写入</source>
        <translation>The content of this operation cannot be written again</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="532"/>
        <source>该文书不编发文字号</source>
        <translation>This document has no document number</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="533"/>
        <source>该文书不编发文字号，无需签发</source>
        <translation>This document has no document number and needs no sign-off</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="534"/>
        <source>该文书已编发文字号</source>
        <translation>This document already has a document number</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="535"/>
        <source>该文件已存在，请另选文件名</source>
        <translation>This file already exists. Choose another file name</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="536"/>
        <source>该申诉已作出处理决定</source>
        <translation>This appeal has already been decided</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="537"/>
        <source>该申诉应向{routes}提出</source>
        <translation>This appeal must be lodged with {routes}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="538"/>
        <source>该申诉应向{routes}提出（{bodies}）</source>
        <translation>This appeal must be lodged with {routes} ({bodies})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="539"/>
        <source>该记录不能制作此文书（{kind}）</source>
        <translation>This document cannot be made for this record ({kind})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="540"/>
        <source>该记录已被本机其他记录引用，不能删除：请先处理引用它的记录</source>
        <translation>Other records on this computer refer to this record, so it cannot be deleted. Resolve the records that refer to it first</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="541"/>
        <source>该记录当前的状态不适用此文书（{document}）</source>
        <translation>This document does not fit the record&apos;s current state ({document})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="542"/>
        <source>该记录还有本机尚未发送的更改：请先同步，再重新提交</source>
        <translation>This record has local changes not sent yet. Sync first, then resubmit</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="543"/>
        <source>该设备已被停用，请联系管理员</source>
        <translation>This device has been switched off; please contact the administrator</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="544"/>
        <source>该证据文件尚未从登记它的笔记本上传</source>
        <translation>This evidence file has not been uploaded yet from the laptop that recorded it</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="545"/>
        <source>该请求编号已用于另一个文号段请求</source>
        <translation>This request id was already used for another number block request</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="546"/>
        <source>该问责决定已公开</source>
        <translation>This accountability decision is already published</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="547"/>
        <source>该问责决定已有发文字号</source>
        <translation>This accountability decision already has a document number</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="548"/>
        <source>该问责决定已签发</source>
        <translation>This accountability decision is already signed</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="549"/>
        <source>该问责决定适用的规则（{profile}）与当前规则配置不一致</source>
        <translation>This accountability decision follows rules ({profile}) different from the current rule profile</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="550"/>
        <source>请先登录（缺少或无效的会话令牌）</source>
        <translation>Please sign in first (missing or invalid session token)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="551"/>
        <source>请先登记问责决定的送达日期，申诉期限自送达之日起算</source>
        <translation>Record the decision&apos;s date of receipt first: the appeal period counts from that day</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="552"/>
        <source>请写明申诉处理决定的理由</source>
        <translation>State the reasons for the appeal decision</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="553"/>
        <source>请填写中心服务器地址</source>
        <translation>Enter the central server address</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="554"/>
        <source>请填写姓名</source>
        <translation>Enter the name</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="555"/>
        <source>请填写开始日期</source>
        <translation>Enter the start date</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="556"/>
        <source>请填写投诉事项</source>
        <translation>Enter the matter of the complaint</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="557"/>
        <source>请填写整改要求或建议的内容</source>
        <translation>Enter the content of the requirement or suggestion</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="558"/>
        <source>请填写方案标题</source>
        <translation>Enter the plan title</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="559"/>
        <source>请填写本效能办的名称</source>
        <translation>Enter the name of this efficiency office</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="560"/>
        <source>请填写机构名称</source>
        <translation>Enter the agency name</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="561"/>
        <source>请填写检查地点</source>
        <translation>Enter the place visited</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="562"/>
        <source>请填写检查日期</source>
        <translation>Enter the visit date</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="563"/>
        <source>请填写用户名</source>
        <translation>Enter the username</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="564"/>
        <source>请填写督查报告</source>
        <translation>Enter the inspection report</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="565"/>
        <source>请填写结束日期</source>
        <translation>Enter the end date</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="566"/>
        <source>请填写身份证号码或电话号码</source>
        <translation>Enter an ID number or a phone number</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="567"/>
        <source>请求内容不是有效的 JSON（UTF-8）</source>
        <translation>The request body is not valid JSON (UTF-8)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="568"/>
        <source>请求内容不符合接口格式</source>
        <translation>The request does not fit the API&apos;s format</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="569"/>
        <source>请求无效</source>
        <translation>invalid request</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="570"/>
        <source>请求无法处理</source>
        <translation>The request cannot be handled</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="571"/>
        <source>请输入备份口令</source>
        <translation>Enter the backup passphrase</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="572"/>
        <source>请输入密码</source>
        <translation>Enter the password</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="573"/>
        <source>请输入本人密码以连接中心服务器</source>
        <translation>Enter your password to connect to the central server</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="574"/>
        <source>请选择保存恢复密钥的文件</source>
        <translation>Choose the file to save the recovery key in</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="575"/>
        <source>请选择备份文件的保存位置（文件名）</source>
        <translation>Choose where to save the backup file (file name)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="576"/>
        <source>请选择本效能办的层级</source>
        <translation>Select the level of this efficiency office</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="577"/>
        <source>请选择被督查单位（所选单位不存在）</source>
        <translation>Choose the agency to inspect (the chosen agency does not exist)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="578"/>
        <source>请选择被问责的工作人员</source>
        <translation>Select the official held accountable</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="579"/>
        <source>请选择规则配置</source>
        <translation>Select a rule profile</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="580"/>
        <source>请选择问责对象所在单位</source>
        <translation>Select the subject&apos;s agency</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="581"/>
        <source>请选择问责对象类型</source>
        <translation>Select the type of subject</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="582"/>
        <source>调查核实，办结并答复投诉人</source>
        <translation>Investigate, then close and reply to the complainant</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="583"/>
        <source>起始位置不能为负数</source>
        <translation>The starting position cannot be negative</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="584"/>
        <source>起草督查方案</source>
        <translation>draft inspection plans</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="585"/>
        <source>起草问责决定</source>
        <translation>draft accountability decisions</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="586"/>
        <source>跟踪承办单位反馈（反馈时限 {limit}），办结并答复</source>
        <translation>Follow up the handling agency&apos;s feedback (due {limit}), then close and reply</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="587"/>
        <source>跟进{kind}落实情况并登记</source>
        <translation>Follow up and record how the {kind} is carried out</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="588"/>
        <source>身份保险库操作失败</source>
        <translation>The identity vault operation failed</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="589"/>
        <source>身份证号码不能为空</source>
        <translation>The ID number cannot be empty</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="590"/>
        <source>身份证号码出生日期错误：不是有效的日期</source>
        <translation>Wrong birth date in the ID number: not a valid date</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="591"/>
        <source>身份证号码出生日期错误：早于 1900 年</source>
        <translation>Wrong birth date in the ID number: before 1900</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="592"/>
        <source>身份证号码出生日期错误：晚于今天</source>
        <translation>Wrong birth date in the ID number: after today</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="593"/>
        <source>身份证号码含有非法字符：前 17 位应为数字，末位应为数字或 X</source>
        <translation>The ID number has invalid characters: the first 17 must be digits, the last a digit or X</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="594"/>
        <source>身份证号码地址码错误：{code} 不是有效的省级行政区划代码</source>
        <translation>Wrong region code in the ID number: {code} is not a valid province-level code</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="595"/>
        <source>身份证号码校验位错误：应为 {expected}，实为 {actual}</source>
        <translation>Wrong check character in the ID number: it should be {expected}, it is {actual}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="596"/>
        <source>身份证号码长度错误：应为 18 位，实为 {length} 位</source>
        <translation>Wrong ID number length: it should have 18 characters, it has {length}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="597"/>
        <source>还缺 {count} 个分片，请先上传</source>
        <translation>{count} parts are still missing: upload them first</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="598"/>
        <source>这不是效能督查的备份文件</source>
        <translation>This is not a Xiaoneng Inspector backup file</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="599"/>
        <source>这类操作不能重新提交</source>
        <translation>This kind of operation cannot be resubmitted</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="600"/>
        <source>连续两年内</source>
        <translation>within two consecutive years</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="601"/>
        <source>退回的序号中有已签发文书使用的，不能退回</source>
        <translation>Some of the returned serials are used by signed documents and cannot be returned</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="602"/>
        <source>退回的起始序号应在该文号段之内</source>
        <translation>The first returned serial must be within the block</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="603"/>
        <source>退回督查方案</source>
        <translation>return inspection plans</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="604"/>
        <source>退回督查方案须写明退回理由</source>
        <translation>Give the reason for returning the inspection plan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="605"/>
        <source>送达日期</source>
        <translation>date of receipt</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="606"/>
        <source>送达日期不能早于决定日期</source>
        <translation>The delivery date cannot be before the decision date</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="607"/>
        <source>送达日期不能早于决定日期（{decided}）</source>
        <translation>The date of receipt cannot be earlier than the decision date ({decided})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="608"/>
        <source>适用“{mitigation}”应写明从轻、减轻或免予问责</source>
        <translation>Applying &quot;{mitigation}&quot; requires choosing lighter measures, reduced measures or exemption</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="609"/>
        <source>选择了从轻、减轻或免予问责，但未写明依据的容错情形</source>
        <translation>Lighter measures, reduced measures or exemption was chosen, but no mitigation ground is given</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="610"/>
        <source>重新提交被规则拒绝（服务器上的记录已不同）：{refusals}。可以放弃本机更改</source>
        <translation>The rules refuse the resubmission (the record on the server has changed): {refusals}. You can discard the local change</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="611"/>
        <source>问责决定</source>
        <translation>accountability decision</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="612"/>
        <source>问责决定尚未签发</source>
        <translation>The accountability decision has not been signed yet</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="613"/>
        <source>问责决定尚未签发：签发问责决定时即编发文字号</source>
        <translation>The accountability decision is not signed yet: it gets its number when it is signed</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="614"/>
        <source>问责决定已签发，不能再修改</source>
        <translation>The accountability decision is signed and can no longer be edited</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="615"/>
        <source>问责决定应恰有一种文书式样，实有 {count} 种（{kinds}）</source>
        <translation>An accountability decision must have exactly one document form, but has {count} ({kinds})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="616"/>
        <source>问责对象应为机关（单位）或机关工作人员</source>
        <translation>The subject must be an agency or an agency official</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="617"/>
        <source>问责对象类型不明</source>
        <translation>The subject type of the decision is unknown</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="618"/>
        <source>问责对象类型应为机关（单位）或工作人员</source>
        <translation>The subject type must be an agency or an official</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="619"/>
        <source>问责情形“{ground}”不适用于{kind}</source>
        <translation>The ground &quot;{ground}&quot; does not apply to {kind}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="620"/>
        <source>问责情形“{ground}”只能对机关（单位）或其负责人问责，该工作人员不是负责人</source>
        <translation>The ground &quot;{ground}&quot; applies only to an agency or its heads, and this official is not a head</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="621"/>
        <source>问责情形“{ground}”应给予“{measure}”，减轻前应适用的问责方式中未选</source>
        <translation>The ground &quot;{ground}&quot; calls for &quot;{measure}&quot;, which is not among the measures that applied before the reduction</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="622"/>
        <source>问责情形“{ground}”应给予“{measure}”，问责方式中未选</source>
        <translation>The ground &quot;{ground}&quot; calls for &quot;{measure}&quot;, which is not among the selected measures</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="623"/>
        <source>问责情形重复：{ground}</source>
        <translation>Ground given twice: {ground}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="624"/>
        <source>问责方式不能合并使用，只能选择一种</source>
        <translation>Measures cannot be combined; select only one</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="625"/>
        <source>问责方式重复：{measure}</source>
        <translation>Measure given twice: {measure}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="626"/>
        <source>除暗访外，检查前应当表明身份：记录尚未载明已出示证件，不能{stage}</source>
        <translation>Except on unannounced visits, inspectors must identify themselves first: the record does not yet state that credentials were shown, so you cannot {stage}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="627"/>
        <source>须写明延期理由</source>
        <translation>Give the reason for the extension</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="628"/>
        <source>须选择办理结果：{names}</source>
        <translation>Choose the result: {names}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/coremessages.py" line="629"/>
        <source>（已加密）</source>
        <translation>(encrypted)</translation>
    </message>
</context>
<context>
    <name>ModePage</name>
    <message>
        <location filename="../../desktop/ui/dialogs/firstrun.py" line="90"/>
        <source>欢迎使用效能督查</source>
        <translation>Welcome to Xiaoneng Inspector</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/firstrun.py" line="91"/>
        <source>本机还没有设置。请选择本机的使用方式。</source>
        <translation>This computer has not been set up yet. Choose how it will be used.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/firstrun.py" line="93"/>
        <source>连接本单位的中心服务器</source>
        <translation>Connect to the office&apos;s central server</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/firstrun.py" line="95"/>
        <source>单机使用（不连接服务器）</source>
        <translation>Work alone (no server)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/firstrun.py" line="105"/>
        <source>本单位已架设中心服务器时选择此项：用管理员在服务器上为您开设的账户登录，本机会取得单位的人员名单和密钥，并与其他电脑同步。</source>
        <translation>Choose this when your office runs a central server: sign in with the account the administrator opened for you on the server; this computer then receives the office&apos;s people and keys and syncs with the other computers.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/firstrun.py" line="116"/>
        <source>只在这台电脑上使用：在本机创建效能办和第一位管理员，并生成机构密钥。以后仍可在同步页填写服务器地址。</source>
        <translation>Use this computer on its own: create the efficiency office and the first administrator here and generate the office keys. A server address can still be set on the Sync page later.</translation>
    </message>
</context>
<context>
    <name>OfficePage</name>
    <message>
        <location filename="../../desktop/ui/dialogs/firstrun.py" line="273"/>
        <source>效能办和管理员</source>
        <translation>Office and administrator</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/firstrun.py" line="274"/>
        <source>填写本效能办，并创建第一位管理员账户。</source>
        <translation>Enter your efficiency office and create the first administrator&apos;s account.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/firstrun.py" line="278"/>
        <source>例如：福州市机关效能建设领导小组办公室</source>
        <translation>e.g. Fuzhou Efficiency Supervision Office</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/firstrun.py" line="282"/>
        <source>省级</source>
        <translation>Province</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/firstrun.py" line="283"/>
        <source>设区市级</source>
        <translation>City</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/firstrun.py" line="284"/>
        <source>县（市、区）级</source>
        <translation>County (city, district)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/firstrun.py" line="285"/>
        <source>乡（镇）、街道</source>
        <translation>Township, sub-district</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/firstrun.py" line="294"/>
        <source>效能办名称</source>
        <translation>Office name</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/firstrun.py" line="295"/>
        <source>层级</source>
        <translation>Level</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/firstrun.py" line="296"/>
        <source>管理员用户名</source>
        <translation>Administrator&apos;s username</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/firstrun.py" line="297"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/firstrun.py" line="298"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/firstrun.py" line="299"/>
        <source>再次输入密码</source>
        <translation>Password again</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/firstrun.py" line="304"/>
        <source>第一位管理员同时担任投诉受理人员：由他为以后添加的受理人员授权查重索引密钥。</source>
        <translation>The first administrator is also a complaint handler: they grant the repeat-complainant index key to handlers added later.</translation>
    </message>
</context>
<context>
    <name>Page</name>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="84"/>
        <location filename="../../desktop/ui/pages/complaints.py" line="540"/>
        <location filename="../../desktop/ui/pages/dashboard.py" line="233"/>
        <source>待办</source>
        <translation>To do</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="85"/>
        <location filename="../../desktop/ui/pages/complaints.py" line="91"/>
        <source>已转办</source>
        <translation>Transferred</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="86"/>
        <location filename="../../desktop/ui/pages/complaints.py" line="547"/>
        <source>已办结</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="87"/>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="90"/>
        <source>自办中</source>
        <translation>Handling directly</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="92"/>
        <source>已督办</source>
        <translation>Supervised</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="95"/>
        <source>认真解决</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="96"/>
        <source>整改到位</source>
        <translation>Rectified</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="97"/>
        <source>予以问责</source>
        <translation>Accountability imposed</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="98"/>
        <source>涉嫌违法违纪，移送有关部门</source>
        <translation>Referred to the competent authority (suspected violation)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="101"/>
        <location filename="../../desktop/ui/pages/complaints.py" line="223"/>
        <location filename="../../desktop/ui/pages/sync.py" line="90"/>
        <source>登记投诉</source>
        <translation>Register complaint</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="102"/>
        <location filename="../../desktop/ui/pages/complaints.py" line="314"/>
        <location filename="../../desktop/ui/pages/complaints.py" line="349"/>
        <source>分办</source>
        <translation>Assign</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="103"/>
        <location filename="../../desktop/ui/pages/complaints.py" line="315"/>
        <location filename="../../desktop/ui/pages/complaints.py" line="350"/>
        <source>延期</source>
        <translation>Extend</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="104"/>
        <location filename="../../desktop/ui/pages/complaints.py" line="316"/>
        <location filename="../../desktop/ui/pages/complaints.py" line="522"/>
        <source>办结</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="105"/>
        <location filename="../../desktop/ui/pages/complaints.py" line="394"/>
        <location filename="../../desktop/ui/pages/complaints.py" line="933"/>
        <source>查看投诉人身份</source>
        <translation>View complainant identity</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="106"/>
        <source>查看投诉人身份（被拒绝）</source>
        <translation>View complainant identity (refused)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="107"/>
        <source>查看投诉人身份（解密失败）</source>
        <translation>View complainant identity (decryption failed)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="108"/>
        <source>为新的投诉受理人员授权</source>
        <translation>Grant access to a new complaint handler</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="109"/>
        <source>为新的投诉受理人员授权（失败）</source>
        <translation>Grant access to a new complaint handler (failed)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="225"/>
        <source>登记一件新的效能投诉（Ctrl+N）</source>
        <translation>Register a new complaint (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="230"/>
        <location filename="../../desktop/ui/pages/complaints.py" line="261"/>
        <location filename="../../desktop/ui/pages/complaints.py" line="347"/>
        <location filename="../../desktop/ui/pages/dashboard.py" line="272"/>
        <location filename="../../desktop/ui/pages/decisions.py" line="235"/>
        <location filename="../../desktop/ui/pages/documents.py" line="247"/>
        <location filename="../../desktop/ui/pages/plans.py" line="225"/>
        <location filename="../../desktop/ui/pages/plans.py" line="238"/>
        <location filename="../../desktop/ui/pages/sync.py" line="63"/>
        <location filename="../../desktop/ui/pages/visits.py" line="180"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="236"/>
        <source>已分办的投诉（自办、转办、督办）</source>
        <translation>Assigned complaints (handled directly, transferred, supervised)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="240"/>
        <source>只看逾期</source>
        <translation>Overdue only</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="245"/>
        <source>搜索事项或被投诉单位（Ctrl+F）</source>
        <translation>Search matter or agency (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="248"/>
        <location filename="../../desktop/ui/pages/dashboard.py" line="187"/>
        <location filename="../../desktop/ui/pages/decisions.py" line="220"/>
        <location filename="../../desktop/ui/pages/documents.py" line="188"/>
        <location filename="../../desktop/ui/pages/plans.py" line="216"/>
        <location filename="../../desktop/ui/pages/visits.py" line="151"/>
        <source>刷新</source>
        <extracomment>The page that lists each kind of record a row may open.</extracomment>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="250"/>
        <source>重新读取列表（F5）</source>
        <translation>Reload the list (F5)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="257"/>
        <location filename="../../desktop/ui/pages/complaints.py" line="343"/>
        <source>收到日期</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="258"/>
        <location filename="../../desktop/ui/pages/complaints.py" line="342"/>
        <source>渠道</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="259"/>
        <location filename="../../desktop/ui/pages/complaints.py" line="344"/>
        <source>被投诉单位</source>
        <translation>Agency complained of</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="260"/>
        <location filename="../../desktop/ui/pages/complaints.py" line="345"/>
        <location filename="../../desktop/ui/pages/dashboard.py" line="232"/>
        <location filename="../../desktop/ui/pages/dashboard.py" line="269"/>
        <source>事项</source>
        <translation>Matter</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="262"/>
        <location filename="../../desktop/ui/pages/complaints.py" line="348"/>
        <location filename="../../desktop/ui/pages/dashboard.py" line="234"/>
        <location filename="../../desktop/ui/pages/dashboard.py" line="270"/>
        <source>截止日期</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="263"/>
        <location filename="../../desktop/ui/pages/dashboard.py" line="235"/>
        <location filename="../../desktop/ui/pages/dashboard.py" line="271"/>
        <source>剩余工作日</source>
        <translation>Days left</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="313"/>
        <source>详情</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="346"/>
        <source>紧急情形</source>
        <translation>Urgent</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="351"/>
        <location filename="../../desktop/ui/pages/complaints.py" line="516"/>
        <source>办理结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="352"/>
        <source>重复投诉</source>
        <translation>Repeat complaint</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="353"/>
        <source>登记人</source>
        <translation>Registered by</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="360"/>
        <source>处理记录</source>
        <translation>History</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="370"/>
        <source>投诉人身份</source>
        <translation>Complainant identity</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="386"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="387"/>
        <source>身份证号码</source>
        <translation>ID card number</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="388"/>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="389"/>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="390"/>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="396"/>
        <source>解密并显示投诉人身份；每次查看均记入审计记录</source>
        <translation>Decrypt and show the complainant&apos;s identity; every view is logged for audit</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="399"/>
        <source>隐藏</source>
        <translation>Hide</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="432"/>
        <location filename="../../desktop/ui/pages/complaints.py" line="493"/>
        <source>（请选择）</source>
        <translation>(Select)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="436"/>
        <source>设定</source>
        <translation>Set</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="437"/>
        <source>承办单位的办理时限，不得晚于本投诉的截止日期</source>
        <translation>Time limit for the handling agency; not later than this complaint&apos;s due date</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="439"/>
        <source>办理要求，如：核实情况，书面反馈办理结果</source>
        <translation>Instructions, e.g. verify the facts and report the result in writing</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="440"/>
        <source>办理方式</source>
        <translation>Handling</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="441"/>
        <source>承办单位</source>
        <translation>Handling agency</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="442"/>
        <source>办理时限</source>
        <translation>Time limit</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="443"/>
        <source>办理要求</source>
        <translation>Instructions</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="445"/>
        <source>提交分办</source>
        <translation>Assign</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="458"/>
        <source>情况复杂需要延长办理时限的，须经本机关负责人批准：请负责人在本机输入自己的用户名和密码。</source>
        <translation>Extending the time limit for a complex case needs the approval of the head of this office: the head enters their own username and password here.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="468"/>
        <location filename="../../desktop/ui/pages/complaints.py" line="476"/>
        <source>延期理由</source>
        <translation>Reason for extension</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="471"/>
        <source>负责人的用户名</source>
        <translation>Head&apos;s username</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="477"/>
        <source>批准人</source>
        <translation>Approved by</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="478"/>
        <source>批准人密码</source>
        <translation>Approver&apos;s password</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="480"/>
        <source>批准延期</source>
        <translation>Approve extension</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="497"/>
        <source>不属实或部分属实的，写明解释说明和理由</source>
        <translation>If unfounded or partly founded, give the explanation and reasons</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="515"/>
        <source>答复投诉人的内容</source>
        <translation>Reply to the complainant</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="517"/>
        <source>解释说明</source>
        <translation>Explanation</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="518"/>
        <source>处理措施</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="519"/>
        <source>答复渠道</source>
        <translation>Reply channel</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="520"/>
        <source>答复内容</source>
        <translation>Reply</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="533"/>
        <source>【急】{matter}</source>
        <translation>[Urgent] {matter}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="547"/>
        <source>已办结（{result}）</source>
        <translation>Closed ({result})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="556"/>
        <location filename="../../desktop/ui/pages/dashboard.py" line="356"/>
        <source>逾期 {n}</source>
        <translation>Overdue {n}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="558"/>
        <location filename="../../desktop/ui/pages/dashboard.py" line="75"/>
        <location filename="../../desktop/ui/pages/decisions.py" line="578"/>
        <location filename="../../desktop/ui/pages/decisions.py" line="811"/>
        <source>今日到期</source>
        <translation>Due today</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="659"/>
        <source>已登记。投诉人身份已加密保存。</source>
        <translation>Registered. The complainant&apos;s identity is stored encrypted.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="678"/>
        <source>请在列表中选择一件投诉。</source>
        <translation>Select a complaint in the list.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="680"/>
        <source>没有符合条件的投诉。</source>
        <translation>No matching complaints.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="711"/>
        <source>&#x3000;被投诉人：{name}</source>
        <translation>&#x3000;Person complained of: {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="715"/>
        <source>已标记为紧急</source>
        <translation>Marked urgent</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="717"/>
        <location filename="../../desktop/ui/pages/complaints.py" line="778"/>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="717"/>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="722"/>
        <source>（已逾期 {n} 个工作日）</source>
        <translation> ({n} working days overdue)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="724"/>
        <source>（今日到期）</source>
        <translation> (due today)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="726"/>
        <source>（剩余 {n} 个工作日）</source>
        <translation> ({n} working days left)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="733"/>
        <source>已延期 {n} 次：{reason}</source>
        <translation>Extended {n} time(s): {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="738"/>
        <source>未延期</source>
        <translation>Not extended</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="746"/>
        <source>另有 {n} 件投诉的身份证号码或电话相同</source>
        <translation>{n} other complaint(s) with the same ID number or phone</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="748"/>
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="754"/>
        <source>尚未分办</source>
        <translation>Not yet assigned</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="757"/>
        <source>承办单位：{name}</source>
        <translation>Handling agency: {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="759"/>
        <source>办理时限：{day}</source>
        <translation>Time limit: {day}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="761"/>
        <source>要求：{text}</source>
        <translation>Instructions: {text}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="766"/>
        <source>尚未办结</source>
        <translation>Not yet closed</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="768"/>
        <source>{result}（{day} 办结）</source>
        <translation>{result} (closed {day})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="778"/>
        <source>处理措施：{names}</source>
        <translation>Follow-up: {names}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="780"/>
        <source>解释说明：{text}</source>
        <translation>Explanation: {text}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="784"/>
        <source>答复（{channel}）：{text}</source>
        <translation>Reply ({channel}): {text}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="791"/>
        <source>匿名投诉，未登记投诉人身份。</source>
        <translation>Anonymous complaint: no complainant identity registered.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="793"/>
        <source>投诉人身份依法保密，仅投诉受理人员可以查看。</source>
        <translation>The complainant&apos;s identity is confidential by law; only complaint handlers may view it.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="795"/>
        <source>投诉人身份已加密保存。查看时解密，每次查看均记入处理记录。</source>
        <translation>The complainant&apos;s identity is stored encrypted. It is decrypted on viewing, and every view is recorded in the history.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="810"/>
        <source>（{name}批准）</source>
        <translation> (approved by {name})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="885"/>
        <source>已分办。</source>
        <translation>Assigned.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="905"/>
        <source>已延期，新的截止日期：{day}。</source>
        <translation>Extended; new due date: {day}.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="925"/>
        <source>已办结。</source>
        <translation>Closed.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="935"/>
        <source>投诉人身份依法保密，不得泄露。
查看将解密并记入处理记录（查看人、时间）。
确定查看吗？</source>
        <translation>The complainant&apos;s identity is confidential by law and must not be disclosed.
Viewing decrypts it and is recorded in the history (who and when).
View it now?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="942"/>
        <source>查看</source>
        <translation>View</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/complaints.py" line="943"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/dashboard.py" line="65"/>
        <location filename="../../desktop/ui/pages/sync.py" line="49"/>
        <location filename="../../desktop/ui/pages/visits.py" line="135"/>
        <location filename="../../desktop/ui/pages/visits.py" line="155"/>
        <source>督查方案</source>
        <translation>Inspection plans</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/dashboard.py" line="66"/>
        <location filename="../../desktop/ui/pages/sync.py" line="50"/>
        <location filename="../../desktop/ui/pages/visits.py" line="229"/>
        <source>检查记录</source>
        <translation>Inspection records</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/dashboard.py" line="67"/>
        <location filename="../../desktop/ui/pages/sync.py" line="51"/>
        <source>效能投诉</source>
        <translation>Complaints</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/dashboard.py" line="68"/>
        <location filename="../../desktop/ui/pages/decisions.py" line="187"/>
        <location filename="../../desktop/ui/pages/sync.py" line="52"/>
        <source>问责决定</source>
        <translation>Accountability decisions</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/dashboard.py" line="69"/>
        <location filename="../../desktop/ui/pages/decisions.py" line="238"/>
        <location filename="../../desktop/ui/pages/decisions.py" line="294"/>
        <location filename="../../desktop/ui/pages/decisions.py" line="480"/>
        <location filename="../../desktop/ui/pages/sync.py" line="53"/>
        <source>申诉</source>
        <translation>Appeals</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/dashboard.py" line="70"/>
        <location filename="../../desktop/ui/pages/sync.py" line="54"/>
        <source>整改</source>
        <translation>Rectifications</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/dashboard.py" line="73"/>
        <source>正常</source>
        <translation>On track</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/dashboard.py" line="74"/>
        <source>即将到期</source>
        <translation>Due soon</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/dashboard.py" line="76"/>
        <source>已逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/dashboard.py" line="79"/>
        <source>星期一</source>
        <translation>Monday</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/dashboard.py" line="80"/>
        <source>星期二</source>
        <translation>Tuesday</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/dashboard.py" line="81"/>
        <source>星期三</source>
        <translation>Wednesday</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/dashboard.py" line="82"/>
        <source>星期四</source>
        <translation>Thursday</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/dashboard.py" line="83"/>
        <source>星期五</source>
        <translation>Friday</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/dashboard.py" line="84"/>
        <source>星期六</source>
        <translation>Saturday</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/dashboard.py" line="85"/>
        <source>星期日</source>
        <translation>Sunday</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/dashboard.py" line="190"/>
        <source>重新读取待办、期限和统计（F5）</source>
        <translation>Reload tasks, deadlines and statistics (F5)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/dashboard.py" line="223"/>
        <source>我的待办</source>
        <translation>My tasks</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/dashboard.py" line="231"/>
        <location filename="../../desktop/ui/pages/visits.py" line="261"/>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/dashboard.py" line="247"/>
        <source>暂无待办事项。</source>
        <translation>No tasks.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/dashboard.py" line="255"/>
        <source>期限提醒</source>
        <translation>Deadlines</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/dashboard.py" line="280"/>
        <source>暂无需要提醒的期限。</source>
        <translation>No deadlines to watch.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/dashboard.py" line="299"/>
        <source> 个工作日</source>
        <translation> working days</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/dashboard.py" line="301"/>
        <location filename="../../desktop/ui/pages/plans.py" line="376"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/dashboard.py" line="305"/>
        <source>提前提醒</source>
        <translation>Remind ahead</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/dashboard.py" line="316"/>
        <source>投诉统计（近 12 个月）</source>
        <translation>Complaint statistics (last 12 months)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/dashboard.py" line="361"/>
        <source>待办：{action}</source>
        <translation>To do: {action}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/dashboard.py" line="376"/>
        <source>上午好</source>
        <translation>Good morning</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/dashboard.py" line="378"/>
        <source>下午好</source>
        <translation>Good afternoon</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/dashboard.py" line="380"/>
        <source>晚上好</source>
        <translation>Good evening</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/dashboard.py" line="382"/>
        <source>{name}，{period}！今天是 {year} 年 {month} 月 {day} 日，{weekday}。</source>
        <translation>{period}, {name}! Today is {weekday}, {year}-{month}-{day}.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/dashboard.py" line="414"/>
        <source>⚠ 注意：</source>
        <translation>⚠ Note: </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/dashboard.py" line="418"/>
        <source>到期前 {n} 个工作日起提醒；标 * 的日期按周末推算。</source>
        <translation>Reminders start {n} working days before the due date; dates marked * count weekends only.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/dashboard.py" line="420"/>
        <source>到期前 {n} 个工作日起提醒。</source>
        <translation>Reminders start {n} working days before the due date.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/dashboard.py" line="432"/>
        <source>待办 {tasks} 项；期限已逾期 {overdue} 项，即将到期 {soon} 项。</source>
        <translation>{tasks} tasks; {overdue} deadlines overdue, {soon} due soon.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/dashboard.py" line="445"/>
        <location filename="../../desktop/ui/pages/dashboard.py" line="462"/>
        <source>统计未能读取：{error}</source>
        <translation>Statistics could not be read: {error}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/dashboard.py" line="449"/>
        <source>正在统计…</source>
        <translation>Counting…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/dashboard.py" line="470"/>
        <source>正在统计投诉…</source>
        <translation>Counting complaints…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/dashboard.py" line="484"/>
        <source>{y1} 年 {m1} 月 — {y2} 年 {m2} 月</source>
        <translation>{y1}-{m1} to {y2}-{m2}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/dashboard.py" line="491"/>
        <source>近 12 个月无办结的投诉，暂无按期办结率。</source>
        <translation>No complaints closed in the last 12 months: no on-time rate yet.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/dashboard.py" line="507"/>
        <source>月份（{span}）</source>
        <translation>Month ({span})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/dashboard.py" line="512"/>
        <source>每月收到投诉（件）</source>
        <translation>Complaints received per month</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/dashboard.py" line="513"/>
        <source>收到投诉</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/dashboard.py" line="533"/>
        <source>件数</source>
        <translation>Count</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/dashboard.py" line="539"/>
        <source>按期办结率（%）</source>
        <translation>Closed on time (%)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/dashboard.py" line="541"/>
        <location filename="../../desktop/ui/pages/dashboard.py" line="561"/>
        <source>按期办结率</source>
        <translation>Closed on time</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="80"/>
        <location filename="../../desktop/ui/pages/plans.py" line="207"/>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="81"/>
        <location filename="../../desktop/ui/pages/decisions.py" line="85"/>
        <source>草稿</source>
        <translation>Draft</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="82"/>
        <location filename="../../desktop/ui/pages/decisions.py" line="86"/>
        <source>已签发</source>
        <translation>Signed</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="131"/>
        <source>{names}（申诉后）</source>
        <translation>{names} (after appeal)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="132"/>
        <source>撤销</source>
        <translation>Revoked</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="140"/>
        <source>·已公开</source>
        <translation> · public</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="146"/>
        <source>审理中</source>
        <translation>Under review</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="151"/>
        <source>已{outcome}</source>
        <translation>{outcome}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="191"/>
        <source>整改与督查建议</source>
        <translation>Rectifications and recommendations</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="202"/>
        <source>搜索对象、单位或文号（Ctrl+F）</source>
        <translation>Search subject, agency or reference no. (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="213"/>
        <source>全部单位</source>
        <translation>All agencies</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="216"/>
        <source>新建问责决定</source>
        <translation>New decision</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="218"/>
        <source>Ctrl+N</source>
        <translation>Ctrl+N</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="222"/>
        <location filename="../../desktop/ui/pages/documents.py" line="190"/>
        <source>F5</source>
        <translation>F5</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="232"/>
        <source>对象</source>
        <translation>Subject</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="233"/>
        <source>单位</source>
        <translation>Agency</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="234"/>
        <source>问责方式</source>
        <translation>Measures</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="236"/>
        <source>决定日期</source>
        <translation>Decision date</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="237"/>
        <source>文号</source>
        <translation>Ref. no.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="249"/>
        <source>请在上方选择一项问责决定。</source>
        <translation>Select an accountability decision above.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="262"/>
        <source>保存草稿</source>
        <translation>Save draft</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="264"/>
        <source>Ctrl+S</source>
        <translation>Ctrl+S</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="265"/>
        <source>签发…</source>
        <translation>Sign…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="267"/>
        <source>登记送达…</source>
        <translation>Record service…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="269"/>
        <source>公开</source>
        <translation>Publish</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="271"/>
        <source>生成文书</source>
        <translation>Generate document</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="293"/>
        <source>决定</source>
        <translation>Decision</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="390"/>
        <source>未保存的修改</source>
        <translation>Unsaved changes</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="390"/>
        <source>放弃对当前问责决定的未保存修改？</source>
        <translation>Discard the unsaved changes to this decision?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="440"/>
        <source>申诉（{n}）</source>
        <translation>Appeals ({n})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="449"/>
        <source>决定日期 {d}</source>
        <translation>decided {d}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="453"/>
        <source>送达 {d}</source>
        <translation>served {d}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="455"/>
        <source>尚未公开</source>
        <translation>not yet published</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="479"/>
        <source>新建问责决定（草稿）</source>
        <translation>New accountability decision (draft)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="493"/>
        <source>未保存：请按提示修改。</source>
        <translation>Not saved: please correct the marked fields.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="496"/>
        <source>草稿已保存。</source>
        <translation>Draft saved.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="506"/>
        <source>问责决定已签发。</source>
        <translation>Decision signed.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="514"/>
        <source>送达日期已登记。</source>
        <translation>Date of service recorded.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="527"/>
        <location filename="../../desktop/ui/pages/sync.py" line="99"/>
        <source>公开问责决定</source>
        <translation>Publish decision</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="528"/>
        <source>确认公开对“{subject}”的问责决定？公开后不能撤回。</source>
        <translation>Publish the accountability decision on “{subject}”? Publication cannot be withdrawn.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="538"/>
        <source>问责决定已公开。</source>
        <translation>Decision published.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="550"/>
        <source>文书页面暂不可用。</source>
        <translation>The Documents page is not available.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="570"/>
        <source>超期 {n} 日作出</source>
        <translation>Decided {n} days late</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="571"/>
        <source>按期作出</source>
        <translation>Decided on time</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="576"/>
        <source>已超期 {n} 日</source>
        <translation>{n} days overdue</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="579"/>
        <location filename="../../desktop/ui/pages/decisions.py" line="812"/>
        <source>剩 {n} 个工作日</source>
        <translation>{n} working days left</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="807"/>
        <source>已逾期 {n} 个工作日</source>
        <translation>{n} working days overdue</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/documents.py" line="78"/>
        <source>已编号 {number}</source>
        <extracomment>A function giving the printer for the ``n``-th document of a batch.</extracomment>
        <translation>Numbered {number}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/documents.py" line="79"/>
        <source>草稿（未编号）</source>
        <translation>Draft (not numbered)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/documents.py" line="80"/>
        <source>不编号</source>
        <translation>Not numbered</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/documents.py" line="175"/>
        <source>搜索文书名称、对应记录或文号（Ctrl+F）</source>
        <extracomment>A preview finished (shown, or failed): tests and the screenshot script wait on it. A print of the document on show finished; the message shown. A batch print&apos;s progress (done, total, text), as its progress bar shows it. A batch print finished: its :class:`BatchResult`.</extracomment>
        <translation>Search title, record or reference no. (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/documents.py" line="180"/>
        <source>全部文书</source>
        <translation>All documents</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/documents.py" line="183"/>
        <source>批量打印…</source>
        <translation>Batch print…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/documents.py" line="186"/>
        <source>打印列表中选中的文书（未多选时打印列表中的全部文书）（Ctrl+Shift+P）</source>
        <translation>Print the selected documents (all listed documents if none are selected) (Ctrl+Shift+P)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/documents.py" line="245"/>
        <source>文书</source>
        <translation>Documents</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/documents.py" line="246"/>
        <source>对应记录</source>
        <translation>Record</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/documents.py" line="296"/>
        <source>签发编号…</source>
        <translation>Sign and number…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/documents.py" line="298"/>
        <source>签发后编发文字号，文号不能收回</source>
        <translation>Signing assigns a reference number, which cannot be withdrawn</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/documents.py" line="299"/>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/documents.py" line="301"/>
        <source>Ctrl+P</source>
        <translation>Ctrl+P</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/documents.py" line="302"/>
        <source>另存为 PDF…</source>
        <translation>Save as PDF…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/documents.py" line="304"/>
        <source>Ctrl+Shift+S</source>
        <translation>Ctrl+Shift+S</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/documents.py" line="305"/>
        <location filename="../../desktop/ui/pages/documents.py" line="573"/>
        <source>显示投诉人姓名</source>
        <translation>Show complainant&apos;s name</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/documents.py" line="308"/>
        <source>答复函写明投诉人姓名，仅供预览和打印；每次查看均记入处理记录</source>
        <translation>Shows the complainant&apos;s name in the reply letter, for preview and printing only; every view is recorded</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/documents.py" line="390"/>
        <source>没有符合条件的文书。</source>
        <translation>No matching documents.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/documents.py" line="392"/>
        <source>已列出 {n} 份文书，向下滚动查看更多。</source>
        <translation>{n} documents listed; scroll down for more.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/documents.py" line="394"/>
        <source>共 {n} 份文书。</source>
        <translation>{n} documents.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/documents.py" line="407"/>
        <source>批量打印选中的 {n} 份…</source>
        <translation>Print {n} selected…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/documents.py" line="409"/>
        <source>批量打印全部…</source>
        <translation>Print all…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/documents.py" line="457"/>
        <source>文书预览</source>
        <translation>Preview</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/documents.py" line="461"/>
        <source>在左侧列表中选择一份文书，在此预览。</source>
        <translation>Select a document in the list to preview it here.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/documents.py" line="467"/>
        <source>问责决定由主要负责人在“问责与申诉”页签发，签发时编发文字号。</source>
        <translation>Accountability decisions are signed by the principal head on the “Accountability &amp; appeals” page, which assigns the reference number.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/documents.py" line="469"/>
        <source>草稿：由科室负责人或主要负责人签发后编发文字号。</source>
        <translation>Draft: a reference number is assigned when a section head or the principal head signs it.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/documents.py" line="502"/>
        <source>正在生成预览…</source>
        <translation>Generating preview…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/documents.py" line="521"/>
        <source>发文字号：{number}&#x3000;{label}</source>
        <translation>Ref. no. {number}&#x3000;{label}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/documents.py" line="529"/>
        <source>字库中没有以下字符，打印时将显示为方框：{chars}</source>
        <translation>The font lacks these characters; they will print as boxes: {chars}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/documents.py" line="542"/>
        <source>文书模板无法填写：{error}</source>
        <translation>The document template could not be filled in: {error}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/documents.py" line="548"/>
        <source>未能显示投诉人姓名：{error}</source>
        <translation>Could not show the complainant&apos;s name: {error}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/documents.py" line="551"/>
        <source>无法生成预览。</source>
        <translation>Could not generate the preview.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/documents.py" line="560"/>
        <source>正在生成文书预览…</source>
        <translation>Generating document preview…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/documents.py" line="575"/>
        <source>投诉人身份依法保密，不得泄露。
显示姓名将解密并记入处理记录（查看人、时间），答复函仅供预览和打印。
确定显示吗？</source>
        <translation>The complainant&apos;s identity is confidential by law and must not be disclosed.
Showing the name decrypts it and is recorded in the history (who and when); the reply letter is for preview and printing only.
Show it now?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/documents.py" line="595"/>
        <source>已隐藏投诉人姓名。</source>
        <translation>Complainant&apos;s name hidden.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/documents.py" line="613"/>
        <source>签发编号</source>
        <translation>Sign and number</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/documents.py" line="614"/>
        <source>签发“{title}”（{label}）并编发文字号？文号不能收回。</source>
        <translation>Sign “{title}” ({label}) and assign a reference number? The number cannot be withdrawn.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/documents.py" line="634"/>
        <source>已签发，发文字号：{number}</source>
        <translation>Signed; reference number: {number}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/documents.py" line="643"/>
        <source>字库缺字</source>
        <translation>Missing characters</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/documents.py" line="645"/>
        <source>字库中没有以下字符，打印出来将是方框：{chars}
可先打印，再手写补正。仍要打印吗？</source>
        <translation>The font lacks these characters; they will print as boxes: {chars}
You can print now and correct them by hand. Print anyway?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/documents.py" line="666"/>
        <source>正在打印“{title}”：第 {page} / {count} 页</source>
        <translation>Printing “{title}”: page {page} of {count}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/documents.py" line="680"/>
        <source>已送打印：{title}，共 {pages} 页。</source>
        <translation>Sent to the printer: {title}, {pages} pages.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/documents.py" line="691"/>
        <source>正在打印…</source>
        <translation>Printing…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/documents.py" line="695"/>
        <source>打印未完成：无法打开打印机或读取文书。</source>
        <translation>Printing failed: the printer or the document could not be opened.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/documents.py" line="710"/>
        <source>文件将包含投诉人身份</source>
        <translation>The file will contain the complainant&apos;s identity</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/documents.py" line="712"/>
        <source>该答复函写明了投诉人姓名。保存后，PDF 文件中将含有投诉人的身份信息，须依照保密规定保管，不得泄露。
确定保存吗？</source>
        <translation>This reply letter names the complainant. The saved PDF will contain the complainant&apos;s identity and must be kept under the confidentiality rules and not disclosed.
Save it?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/documents.py" line="719"/>
        <source>另存为 PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/documents.py" line="721"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/documents.py" line="732"/>
        <source>未能保存：{error}</source>
        <translation>Could not save: {error}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/documents.py" line="735"/>
        <source>已保存：{path}</source>
        <translation>Saved: {path}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/documents.py" line="748"/>
        <location filename="../../desktop/ui/pages/documents.py" line="789"/>
        <source>批量打印</source>
        <translation>Batch print</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/documents.py" line="749"/>
        <source>未多选文书，将打印列表中符合当前筛选条件的全部文书。继续吗？</source>
        <translation>No documents are selected: every document matching the current filter will be printed. Continue?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/documents.py" line="786"/>
        <source>正在打印第 {n} / {total} 份：{title}（{label}）</source>
        <translation>Printing {n} of {total}: {title} ({label})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/documents.py" line="787"/>
        <source>{title}（{label}）：{error}</source>
        <translation>{title} ({label}): {error}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/documents.py" line="788"/>
        <source>无法打开打印机或读取文书</source>
        <translation>the printer or the document could not be opened</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/documents.py" line="950"/>
        <source>正在准备批量打印…</source>
        <translation>Preparing batch print…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/documents.py" line="963"/>
        <source>批量打印：已打印 {printed} 份，共 {total} 份。</source>
        <translation>Batch print: {printed} of {total} printed.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/documents.py" line="969"/>
        <source>已取消，其余 {n} 份未打印。</source>
        <translation>Cancelled; the remaining {n} were not printed.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/documents.py" line="972"/>
        <source>未能打印 {n} 份：{items}</source>
        <translation>{n} could not be printed: {items}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/documents.py" line="978"/>
        <source>以下文书有字库中没有的字，打印为方框：{items}</source>
        <translation>These documents have characters missing from the font, printed as boxes: {items}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/plans.py" line="69"/>
        <source>审批</source>
        <translation>Approval</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/plans.py" line="70"/>
        <location filename="../../desktop/ui/pages/sync.py" line="81"/>
        <source>主要负责人审批</source>
        <translation>Principal head&apos;s approval</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/plans.py" line="73"/>
        <source>同意</source>
        <translation>Approved</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/plans.py" line="74"/>
        <location filename="../../desktop/ui/pages/plans.py" line="844"/>
        <source>退回</source>
        <translation>Returned</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/plans.py" line="213"/>
        <source>搜索方案标题或督查范围（Ctrl+F）</source>
        <translation>Search title or scope (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/plans.py" line="218"/>
        <source>重新读取方案列表（F5）</source>
        <translation>Reload the plan list (F5)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/plans.py" line="220"/>
        <source>新建方案</source>
        <translation>New plan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/plans.py" line="222"/>
        <source>起草新的督查方案（Ctrl+N）</source>
        <translation>Draft a new inspection plan (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/plans.py" line="234"/>
        <location filename="../../desktop/ui/pages/plans.py" line="292"/>
        <source>方案标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/plans.py" line="235"/>
        <location filename="../../desktop/ui/pages/plans.py" line="316"/>
        <source>被督查单位</source>
        <translation>Agency</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/plans.py" line="236"/>
        <location filename="../../desktop/ui/pages/plans.py" line="334"/>
        <source>开始日期</source>
        <translation>Start date</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/plans.py" line="309"/>
        <source>督查类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/plans.py" line="321"/>
        <location filename="../../desktop/ui/pages/sync.py" line="65"/>
        <source>督查范围</source>
        <translation>Scope</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/plans.py" line="326"/>
        <location filename="../../desktop/ui/pages/sync.py" line="66"/>
        <source>督查方式</source>
        <translation>Methods</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/plans.py" line="335"/>
        <source>结束日期</source>
        <translation>End date</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/plans.py" line="339"/>
        <source>重大督查事项（须主要负责人审批）</source>
        <translation>Major matter (head approves)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/plans.py" line="341"/>
        <source>应其他机关要求开展</source>
        <translation>Requested by another body</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/plans.py" line="347"/>
        <source>审批要求</source>
        <translation>Approval</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/plans.py" line="352"/>
        <source>专项事项</source>
        <translation>Special item</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/plans.py" line="355"/>
        <source>政府立项文号，如：马政办〔2026〕41号</source>
        <translation>Government approval ref., e.g. 马政办〔2026〕41号</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/plans.py" line="356"/>
        <source>立项依据</source>
        <translation>Approval ref.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/plans.py" line="372"/>
        <source>督查组成员</source>
        <translation>Team</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/plans.py" line="378"/>
        <source>保存方案（Ctrl+S）</source>
        <translation>Save the plan (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/plans.py" line="395"/>
        <location filename="../../desktop/ui/pages/plans.py" line="854"/>
        <location filename="../../desktop/ui/pages/sync.py" line="68"/>
        <source>督查报告</source>
        <translation>Inspection report</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/plans.py" line="404"/>
        <location filename="../../desktop/ui/pages/sync.py" line="69"/>
        <source>审批记录</source>
        <translation>Approval history</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/plans.py" line="409"/>
        <source>环节</source>
        <translation>Step</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/plans.py" line="409"/>
        <source>审批人</source>
        <translation>Approver</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/plans.py" line="409"/>
        <source>意见</source>
        <translation>Decision</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/plans.py" line="409"/>
        <source>理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/plans.py" line="409"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/plans.py" line="505"/>
        <source>（请选择被督查单位）</source>
        <translation>(Select the inspected agency)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/plans.py" line="577"/>
        <source>已选 {n} 名：{names}</source>
        <translation>{n} selected: {names}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/plans.py" line="591"/>
        <source>依据：{article}</source>
        <translation>Basis: {article}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/plans.py" line="593"/>
        <source>暗访方案保密：仅督查组成员和审批人可见，形成报告后公开。</source>
        <translation>Unannounced-visit plans are confidential: only the team and approvers see them until the report is made.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/plans.py" line="600"/>
        <source>（请注明属于第几项）</source>
        <translation>(Select the item number)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/plans.py" line="603"/>
        <source>第{n}项</source>
        <translation>Item {n}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/plans.py" line="605"/>
        <source>（须经政府立项）</source>
        <translation> (needs government approval)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/plans.py" line="626"/>
        <source>请在左侧选择督查方案，或新建方案</source>
        <translation>Select an inspection plan on the left, or create a new one</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/plans.py" line="648"/>
        <source>新建督查方案</source>
        <translation>New inspection plan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/plans.py" line="649"/>
        <source>草稿，尚未保存</source>
        <translation>Draft, not yet saved</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/plans.py" line="692"/>
        <source>状态：{state}&#x3000;起草人：{author}&#x3000;更新于 {at}</source>
        <translation>Status: {state}&#x3000;Drafted by: {author}&#x3000;Updated {at}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/plans.py" line="700"/>
        <source>退回理由：{reason}</source>
        <translation>Reason for return: {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/plans.py" line="827"/>
        <location filename="../../desktop/ui/pages/visits.py" line="669"/>
        <source>已保存。</source>
        <translation>Saved.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/plans.py" line="840"/>
        <location filename="../../desktop/ui/pages/sync.py" line="82"/>
        <source>退回督查方案</source>
        <translation>Return inspection plan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/plans.py" line="842"/>
        <location filename="../../desktop/ui/pages/sync.py" line="67"/>
        <source>退回理由</source>
        <translation>Reason for return</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/plans.py" line="843"/>
        <source>请写明退回理由，起草人将据此修改后重新提交。</source>
        <translation>State the reason for returning the plan; the author will revise and resubmit it.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/plans.py" line="847"/>
        <source>已退回。</source>
        <translation>Returned.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/plans.py" line="852"/>
        <location filename="../../desktop/ui/pages/sync.py" line="84"/>
        <source>提交督查报告</source>
        <translation>Submit inspection report</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/plans.py" line="855"/>
        <source>请填写督查发现的问题、整改要求或督查建议。</source>
        <translation>Enter the problems found, rectification requirements or recommendations.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/plans.py" line="856"/>
        <source>提交报告</source>
        <translation>Submit report</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/plans.py" line="859"/>
        <source>督查报告已提交。</source>
        <translation>Inspection report submitted.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/plans.py" line="876"/>
        <source>未能{action}，原因见上方红字提示。</source>
        <translation>Could not {action}: see the notes in red above.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/plans.py" line="883"/>
        <source>已完成：{action}。现在状态为“{state}”。</source>
        <translation>Done: {action}. Status is now “{state}”.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/settings.py" line="64"/>
        <source>界面</source>
        <translation>Interface</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/settings.py" line="72"/>
        <source>语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/settings.py" line="74"/>
        <source>保存界面设置</source>
        <translation>Save interface settings</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/settings.py" line="81"/>
        <source>本机设置</source>
        <translation>This computer</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/settings.py" line="87"/>
        <location filename="../../desktop/ui/pages/sync.py" line="188"/>
        <source> 分钟</source>
        <translation> min</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/settings.py" line="92"/>
        <source>无操作自动锁定</source>
        <translation>Lock when idle for</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/settings.py" line="93"/>
        <source>规则配置</source>
        <translation>Rule profile</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/settings.py" line="95"/>
        <source>保存本机设置</source>
        <translation>Save settings for this computer</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/settings.py" line="105"/>
        <source>只有管理员可以修改本机设置。</source>
        <translation>Only an administrator can change these settings.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/settings.py" line="123"/>
        <source>节假日安排已录入：{first}–{last} 年。</source>
        <translation>Public holidays are entered for {first}–{last}.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/settings.py" line="128"/>
        <source>{year} 年的安排尚未录入：该年的期限仅按周末推算，国务院公布后请管理员补充节假日表。</source>
        <translation> Holidays for {year} are not entered yet: deadlines in that year count weekends only. An administrator should add them once the State Council publishes them.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/settings.py" line="132"/>
        <source>数据保存在：{path}</source>
        <translation>Data folder: {path}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/settings.py" line="136"/>
        <source>备份与恢复</source>
        <translation>Backup and restore</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/settings.py" line="141"/>
        <source>备份文件包含本机的全部数据（数据库、证据文件、节假日表和设置），用备份口令加密。请把备份文件存到 U 盘或另一台电脑上，口令另行保管：忘记口令将无法恢复。</source>
        <translation>A backup file holds all of this laptop&apos;s data (database, evidence files, holiday tables and settings), encrypted with a backup passphrase. Keep the file on a USB stick or another computer and the passphrase somewhere else: without the passphrase the backup cannot be restored.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/settings.py" line="150"/>
        <source>备份…</source>
        <translation>Back up…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/settings.py" line="153"/>
        <source>恢复…</source>
        <translation>Restore…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/settings.py" line="169"/>
        <source>只有管理员可以备份或恢复本机数据。</source>
        <translation>Only an administrator can back up or restore this laptop&apos;s data.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/settings.py" line="182"/>
        <source>已备份到 {path}（{size}，{files} 个证据文件，用时 {seconds} 秒）。</source>
        <translation>Backed up to {path} ({size}, {files} evidence files, {seconds} s).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/settings.py" line="189"/>
        <source>注意：有 {n} 个证据文件在本机已缺失，未能备份。</source>
        <translation> Note: {n} evidence files are missing on this laptop and could not be backed up.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/settings.py" line="210"/>
        <source>恢复完成</source>
        <translation>Restore complete</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/settings.py" line="212"/>
        <source>已恢复 {date} 的备份。原来的数据保存在：{previous}
程序现在将关闭，请重新启动后登录。</source>
        <translation>The backup of {date} has been restored. The previous data is kept in: {previous}
The program will now close; please start it again and sign in.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/settings.py" line="216"/>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/settings.py" line="227"/>
        <source>语言将在下次启动时生效。</source>
        <translation>The language takes effect at the next start.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/settings.py" line="236"/>
        <source>规则配置将在下次启动时生效。</source>
        <translation>The rule profile takes effect at the next start.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/settings.py" line="239"/>
        <source>已保存（{time}）。</source>
        <translation>Saved ({time}).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="55"/>
        <source>机构</source>
        <translation>Agencies</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="56"/>
        <source>人员</source>
        <translation>Officials</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="57"/>
        <source>用户</source>
        <translation>Users</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="58"/>
        <source>密钥</source>
        <translation>Keys</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="59"/>
        <source>绩效考评</source>
        <translation>Performance ratings</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="60"/>
        <location filename="../../desktop/ui/pages/sync.py" line="105"/>
        <source>文书编号</source>
        <translation>Document number</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="64"/>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="70"/>
        <source>督查组</source>
        <translation>Team</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="71"/>
        <source>检查情况</source>
        <translation>Findings</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="72"/>
        <source>投诉事项</source>
        <translation>Matter</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="73"/>
        <source>答复</source>
        <translation>Reply</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="74"/>
        <source>事实</source>
        <translation>Facts</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="77"/>
        <source>起草督查方案</source>
        <translation>Draft inspection plan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="78"/>
        <source>修改督查方案</source>
        <translation>Edit inspection plan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="79"/>
        <source>提交审批</source>
        <translation>Submit for approval</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="80"/>
        <source>审批通过</source>
        <translation>Approve</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="83"/>
        <source>开始实施</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="85"/>
        <source>办结督查方案</source>
        <translation>Close inspection plan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="86"/>
        <source>开始现场检查</source>
        <translation>Open site inspection</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="87"/>
        <source>修改检查记录</source>
        <translation>Edit inspection record</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="88"/>
        <source>添加证据</source>
        <translation>Add evidence</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="89"/>
        <source>完成检查记录</source>
        <translation>Finalise inspection record</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="91"/>
        <source>分办投诉</source>
        <translation>Route complaint</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="92"/>
        <source>投诉延期</source>
        <translation>Extend complaint</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="93"/>
        <source>办结投诉</source>
        <translation>Close complaint</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="94"/>
        <source>授权查看投诉人身份</source>
        <translation>Grant access to complainant identities</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="95"/>
        <source>起草问责决定</source>
        <translation>Draft accountability decision</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="96"/>
        <source>修改问责决定</source>
        <translation>Edit accountability decision</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="97"/>
        <source>签发问责决定</source>
        <translation>Sign accountability decision</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="98"/>
        <source>登记送达</source>
        <translation>Record delivery</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="100"/>
        <source>登记申诉</source>
        <translation>Register appeal</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="101"/>
        <source>申诉决定</source>
        <translation>Appeal decision</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="102"/>
        <source>下发整改</source>
        <translation>Issue rectification</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="103"/>
        <source>整改跟踪</source>
        <translation>Rectification follow-up</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="104"/>
        <source>录入绩效考评</source>
        <translation>Enter performance rating</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="108"/>
        <source>记录</source>
        <translation>Record</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="109"/>
        <source>本机的操作</source>
        <translation>Action on this laptop</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="110"/>
        <source>本机的更改</source>
        <translation>Changes on this laptop</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="111"/>
        <source>服务器的答复</source>
        <translation>Server&apos;s answer</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="112"/>
        <source>服务器上的内容</source>
        <translation>On the server</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="113"/>
        <source>处理</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="152"/>
        <source>中心服务器</source>
        <translation>Central server</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="159"/>
        <source>服务器地址</source>
        <translation>Server address</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="161"/>
        <source>保存地址</source>
        <translation>Save address</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="172"/>
        <source>同步</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="182"/>
        <source>本人密码，只用于连接服务器，不保存</source>
        <translation>Your password, used only to connect; not stored</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="184"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="189"/>
        <source>不自动同步</source>
        <translation>No automatic sync</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="191"/>
        <source>自动同步间隔</source>
        <translation>Automatic sync every</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="193"/>
        <source>立即同步</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="228"/>
        <source>冲突（服务器退回或已被他人修改的本机更改）</source>
        <translation>Conflicts (changes the server refused or someone else changed)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="246"/>
        <source>没有冲突。</source>
        <translation>No conflicts.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="272"/>
        <source>未设置服务器地址：本机单独工作，所有更改保存在本机，待设置后发送。</source>
        <translation>No server address: this laptop works alone and keeps every change until one is set.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="275"/>
        <source>只有管理员可以修改服务器地址。</source>
        <translation>Only an administrator can change the server address.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="281"/>
        <source>上次同步：{time}</source>
        <translation>Last sync: {time}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="284"/>
        <source>上次同步：从未同步</source>
        <translation>Last sync: never</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="287"/>
        <source>上次同步未完成：{reason}</source>
        <translation>Last sync did not finish: {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="291"/>
        <source>待发送的更改：{n} 项（本人 {mine} 项）；服务器退回待处理：{r} 项</source>
        <translation>Changes waiting to be sent: {n} (yours: {mine}); refused by the server: {r}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="310"/>
        <source>已连接服务器（{name}）</source>
        <translation>Connected to the server ({name})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="312"/>
        <source>尚未连接服务器：同步时需输入本人密码</source>
        <translation>Not connected: enter your password to sync</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="325"/>
        <source>服务器上没有该记录</source>
        <translation>The server has no such record</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="330"/>
        <source>{n} 条</source>
        <translation>{n} items</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="332"/>
        <source>（空）</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="354"/>
        <source>尚未发送：</source>
        <translation>Not yet sent: </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="372"/>
        <source>重新提交</source>
        <translation>Retry</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="374"/>
        <source>以服务器上的最新内容为基础再次提交本机的更改</source>
        <translation>Submit this laptop&apos;s change again on top of the server&apos;s latest state</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="377"/>
        <source>放弃本机更改</source>
        <translation>Discard my change</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="379"/>
        <source>保留服务器上的内容，放弃本机的这项更改</source>
        <translation>Keep the server&apos;s version and discard this change</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="405"/>
        <source>已保存服务器地址。</source>
        <translation>Server address saved.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="422"/>
        <source>自动同步需要先输入密码并同步一次。</source>
        <translation>Automatic sync needs one sync with your password first.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="433"/>
        <source>尚未设置中心服务器地址：请管理员填写</source>
        <translation>No central server address yet: ask an administrator to set it</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="440"/>
        <source>请输入本人密码以连接中心服务器</source>
        <translation>Enter your password to connect to the central server</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="474"/>
        <location filename="../../desktop/ui/pages/sync.py" line="479"/>
        <source>正在同步…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="489"/>
        <source>正在连接中心服务器…</source>
        <translation>Connecting to the central server…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="494"/>
        <source>正在发送本机的更改：{done}/{total}</source>
        <translation>Sending this laptop&apos;s changes: {done}/{total}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="499"/>
        <source>正在接收服务器上的更改：已接收 {n} 项</source>
        <translation>Receiving changes from the server: {n} received</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="516"/>
        <source>同步完成：发送 {pushed} 项，接收 {pulled} 项，写入本机 {applied} 项，被服务器退回 {rejected} 项。</source>
        <translation>Sync finished: {pushed} sent, {pulled} received, {applied} applied here, {rejected} refused by the server.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="526"/>
        <source>另有 {n} 项是其他用户的更改，待其本人同步时发送。</source>
        <translation>{n} more are other users&apos; changes; they are sent when those users sync.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="530"/>
        <source>本人有 {n} 项更改须等其他用户的相关更改先发送（如待审批的方案），之后再发送。</source>
        <translation>{n} of your changes wait for related changes by other users (e.g. a plan awaiting approval) to be sent first.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="534"/>
        <source>{n} 条服务器记录暂时无法写入本机，下次同步时再试。</source>
        <translation>{n} server records could not be written here yet; they are retried at the next sync.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="538"/>
        <source>服务器上的投诉受理人员 {names} 在本机没有对应的密钥，请管理员添加其账户。</source>
        <translation>Complaint handlers {names} on the server have no key on this laptop; ask an administrator to add their accounts.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="550"/>
        <source>已取得文号：{spans}。</source>
        <translation>Document numbers received: {spans}.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="554"/>
        <source>未能取得文号：{problem}</source>
        <translation>Could not get document numbers: {problem}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="557"/>
        <source>已上传审计记录 {audit} 条、证据文件 {sent} 个，下载证据文件 {fetched} 个。</source>
        <translation>Uploaded {audit} audit entries and {sent} evidence files; downloaded {fetched} evidence files.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="567"/>
        <source>{n} 个证据文件超过服务器的大小限制，未上传。</source>
        <translation>{n} evidence files exceed the server&apos;s size limit and were not uploaded.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="570"/>
        <source>审计记录或证据文件未能传完：{problem}（下次同步时继续）</source>
        <translation>The audit trail or evidence files were not all transferred: {problem} (continues at the next sync).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="577"/>
        <source>放弃本机的这项更改？记录将保持服务器上的内容，此操作会记入审计记录。</source>
        <translation>Discard this change? The record keeps the server&apos;s version; this is written to the audit trail.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="587"/>
        <source>已放弃本机更改，记录保持服务器上的内容。</source>
        <translation>Change discarded; the record keeps the server&apos;s version.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="589"/>
        <source>已重新提交，下次同步时发送。</source>
        <translation>Submitted again; it is sent at the next sync.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="595"/>
        <source>处理冲突</source>
        <translation>Resolve conflict</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/sync.py" line="299"/>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/visits.py" line="56"/>
        <source>照片</source>
        <translation>Photo</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/visits.py" line="57"/>
        <source>扫描件</source>
        <translation>Scan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/visits.py" line="58"/>
        <source>录音</source>
        <translation>Audio recording</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/visits.py" line="59"/>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/visits.py" line="62"/>
        <source>现场察看情况</source>
        <translation>On-site observations</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/visits.py" line="63"/>
        <source>要求提供的文件资料</source>
        <translation>Documents requested</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/visits.py" line="64"/>
        <source>复制的文件资料</source>
        <translation>Documents copied</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/visits.py" line="65"/>
        <source>要求作出的解释和说明</source>
        <translation>Explanations requested</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/visits.py" line="66"/>
        <source>询问谈话情况</source>
        <translation>Interviews</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/visits.py" line="128"/>
        <source>搜索方案（Ctrl+F）</source>
        <translation>Search (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/visits.py" line="149"/>
        <location filename="../../desktop/ui/pages/visits.py" line="394"/>
        <source>（没有可检查的方案）</source>
        <translation>(No plans to inspect)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/visits.py" line="153"/>
        <source>重新读取（F5）</source>
        <translation>Reload (F5)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/visits.py" line="173"/>
        <source>检查日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/visits.py" line="174"/>
        <source>地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/visits.py" line="176"/>
        <source>方式</source>
        <translation>Manner</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/visits.py" line="177"/>
        <source>公开检查</source>
        <translation>Announced</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/visits.py" line="177"/>
        <source>暗访</source>
        <translation>Unannounced</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/visits.py" line="181"/>
        <location filename="../../desktop/ui/pages/visits.py" line="520"/>
        <source>进行中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/visits.py" line="181"/>
        <location filename="../../desktop/ui/pages/visits.py" line="520"/>
        <source>已完成</source>
        <translation>Completed</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/visits.py" line="200"/>
        <source>开始检查…</source>
        <translation>Start inspection…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/visits.py" line="203"/>
        <source>两名以上督查组成员各自输入本人密码确认到场后开始检查（Ctrl+N）</source>
        <translation>Start once two or more team members have each entered their own password to confirm presence (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/visits.py" line="242"/>
        <source>保存记录</source>
        <translation>Save record</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/visits.py" line="244"/>
        <source>保存检查记录（Ctrl+S）</source>
        <translation>Save the inspection record (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/visits.py" line="254"/>
        <source>证据</source>
        <translation>Evidence</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/visits.py" line="260"/>
        <source>文件名</source>
        <translation>File name</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/visits.py" line="262"/>
        <source>大小</source>
        <translation>Size</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/visits.py" line="263"/>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/visits.py" line="264"/>
        <source>校验</source>
        <translation>Check</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/visits.py" line="283"/>
        <source>添加证据…</source>
        <translation>Add evidence…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/visits.py" line="285"/>
        <source>选择文件，复制到证据库并记录其 SHA-256</source>
        <translation>Choose a file, copy it into the evidence store and record its SHA-256</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/visits.py" line="291"/>
        <source>证据类型</source>
        <translation>Evidence type</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/visits.py" line="297"/>
        <source>校验证据</source>
        <translation>Verify evidence</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/visits.py" line="299"/>
        <source>重新计算每个证据文件的 SHA-256，与记录比对</source>
        <translation>Recompute each evidence file&apos;s SHA-256 and compare it with the record</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/visits.py" line="310"/>
        <source>完成检查…</source>
        <translation>Finish inspection…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/visits.py" line="313"/>
        <source>在场督查人员再次各自输入本人密码确认，完成后记录不能再修改</source>
        <translation>Each inspector present confirms again with their own password; the record cannot be changed afterwards</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/visits.py" line="396"/>
        <source>没有已批准、实施中或已形成报告的督查方案。</source>
        <translation>There are no approved, in-progress or reported inspection plans.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/visits.py" line="405"/>
        <source>{subject}&#x3000;{start} 至 {end}
督查组：{team}</source>
        <translation>{subject}&#x3000;{start} to {end}
Team: {team}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/visits.py" line="498"/>
        <source>请先选择督查方案</source>
        <translation>Select an inspection plan first</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/visits.py" line="501"/>
        <source>本方案尚无检查记录</source>
        <translation>This plan has no inspection records yet</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/visits.py" line="504"/>
        <source>到达现场后点击“开始检查”：两名以上督查组成员各自在本机输入本人密码确认到场，公开检查还须先出示证件、表明身份。</source>
        <translation>On arrival, click “Start inspection…”: two or more team members each enter their own password here to confirm presence; for an announced inspection, first show your credentials and identify yourselves.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/visits.py" line="509"/>
        <source>请在左侧选择检查记录</source>
        <translation>Select an inspection record on the left</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/visits.py" line="514"/>
        <source>公开检查，已出示证件</source>
        <translation>Announced; credentials shown</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/visits.py" line="516"/>
        <source>公开检查，未载明出示证件</source>
        <translation>Announced; showing of credentials not recorded</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/visits.py" line="518"/>
        <source>暗访（不事先表明身份）</source>
        <translation>Unannounced visit (without identifying beforehand)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/visits.py" line="524"/>
        <source>{date}&#x3000;{place}</source>
        <translation>{date}&#x3000;{place}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/visits.py" line="527"/>
        <source>{manner}&#x3000;状态：{state}</source>
        <translation>{manner}&#x3000;Status: {state}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/visits.py" line="528"/>
        <source>开始时确认在场：{names}</source>
        <translation>Present at start: {names}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/visits.py" line="531"/>
        <source>完成时确认在场：{names}</source>
        <translation>Present at finish: {names}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/visits.py" line="533"/>
        <source>只有本方案督查组中的督查人员可以修改本记录。</source>
        <translation>Only inspectors on this plan&apos;s team can change this record.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/visits.py" line="548"/>
        <source>未校验</source>
        <translation>Not checked</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/visits.py" line="550"/>
        <source>不一致或缺失</source>
        <translation>Mismatch or missing</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/visits.py" line="552"/>
        <source>一致</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/visits.py" line="618"/>
        <source>检查已开始，请记录检查情况。</source>
        <translation>Inspection started; record your findings.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/visits.py" line="636"/>
        <source>检查记录：{date}&#x3000;{place}</source>
        <translation>Inspection record: {date}&#x3000;{place}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/visits.py" line="650"/>
        <source>检查记录已完成。</source>
        <translation>Inspection record completed.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/visits.py" line="679"/>
        <source>选择证据文件</source>
        <translation>Choose evidence file</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/visits.py" line="681"/>
        <source>所有文件 (*)</source>
        <translation>All files (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/visits.py" line="692"/>
        <source>正在复制并计算证据文件的 SHA-256…</source>
        <translation>Copying the evidence file and computing its SHA-256…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/visits.py" line="700"/>
        <source>证据已添加。</source>
        <translation>Evidence added.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/visits.py" line="712"/>
        <source>正在校验…</source>
        <translation>Verifying…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/visits.py" line="721"/>
        <source>正在校验证据文件…</source>
        <translation>Verifying evidence files…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/visits.py" line="735"/>
        <source>{n} 件证据文件缺失或与记录的 SHA-256 不一致：{names}</source>
        <translation>{n} evidence file(s) missing or not matching the recorded SHA-256: {names}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/visits.py" line="741"/>
        <source>全部 {n} 件证据与记录一致。</source>
        <translation>All {n} evidence files match the record.</translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message>
        <location filename="../../desktop/ui/pdfview.py" line="160"/>
        <source>适合宽度</source>
        <extracomment>Pages are rendered for the printer at its resolution, but no finer than this (an A4 page at 600 dpi is a 4961 × 7016 image, about 140 MB in memory).</extracomment>
        <translation>Fit width</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pdfview.py" line="161"/>
        <source>整页</source>
        <translation>Whole page</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pdfview.py" line="163"/>
        <source>缩小（Ctrl+-）</source>
        <translation>Zoom out (Ctrl+-)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pdfview.py" line="165"/>
        <source>放大（Ctrl++）</source>
        <translation>Zoom in (Ctrl++)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pdfview.py" line="166"/>
        <source>适合宽度（Ctrl+0）</source>
        <translation>Fit width (Ctrl+0)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pdfview.py" line="227"/>
        <source>无法显示该 PDF。</source>
        <translation>This PDF cannot be shown.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pdfview.py" line="272"/>
        <source>第 {page} / {count} 页</source>
        <translation>Page {page} of {count}</translation>
    </message>
</context>
<context>
    <name>PresenceDialog</name>
    <message>
        <location filename="../../desktop/ui/dialogs/presence.py" line="144"/>
        <source>开始检查</source>
        <translation>Start inspection</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/presence.py" line="144"/>
        <source>完成检查</source>
        <translation>Finish inspection</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/presence.py" line="152"/>
        <source>督查、检查或调查不得少于两人。
在场的每位督查人员请在本机输入本人的用户名和密码，确认到场。</source>
        <translation>Supervision, inspection or investigation needs at least two people.
Each inspector present enters their own username and password here to confirm presence.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/presence.py" line="174"/>
        <source>如：某某政务服务中心一楼综合窗口</source>
        <translation>e.g. ground-floor service counter, municipal service centre</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/presence.py" line="179"/>
        <source>公开检查（事先表明身份）</source>
        <translation>Announced (identify first)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/presence.py" line="181"/>
        <source>暗访（不事先表明身份）</source>
        <translation>Unannounced visit</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/presence.py" line="191"/>
        <source>已向被检查单位出示证件、表明身份</source>
        <translation>Credentials shown and identity stated to the inspected agency</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/presence.py" line="196"/>
        <source>检查日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/presence.py" line="197"/>
        <source>检查地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/presence.py" line="198"/>
        <source>检查方式</source>
        <translation>Manner</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/presence.py" line="199"/>
        <source>出示证件</source>
        <translation>Credentials</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/presence.py" line="204"/>
        <source>第一行为当前登录的督查人员本人。</source>
        <translation>The first row is the inspector signed in now.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/presence.py" line="207"/>
        <source>在场督查人员</source>
        <translation>Inspectors present</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/presence.py" line="213"/>
        <source>当前登录的督查人员</source>
        <translation>Inspector signed in now</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/presence.py" line="217"/>
        <source>增加一名在场人员</source>
        <translation>Add an inspector</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/presence.py" line="232"/>
        <source>确认并开始检查</source>
        <translation>Confirm and start</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/presence.py" line="232"/>
        <source>确认并完成检查</source>
        <translation>Confirm and finish</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/presence.py" line="234"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/presence.py" line="248"/>
        <source>本人</source>
        <translation>Yourself</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/presence.py" line="248"/>
        <source>督查人员 {n}</source>
        <translation>Inspector {n}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/presence.py" line="284"/>
        <source>请填写该督查人员的用户名</source>
        <translation>Enter this inspector&apos;s username</translation>
    </message>
</context>
<context>
    <name>ProfilePage</name>
    <message>
        <location filename="../../desktop/ui/dialogs/firstrun.py" line="133"/>
        <location filename="../../desktop/ui/dialogs/firstrun.py" line="143"/>
        <source>规则配置</source>
        <translation>Rule profile</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/firstrun.py" line="135"/>
        <source>选择本单位适用的效能督查规定：期限、问责措施和文书格式都依此而定。</source>
        <translation>Choose the efficiency-supervision regulation your office applies: deadlines, accountability measures and document formats follow from it.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/firstrun.py" line="145"/>
        <source>以后可由管理员在“设置”中更改。</source>
        <translation>An administrator can change it later in Settings.</translation>
    </message>
</context>
<context>
    <name>ReceiptDialog</name>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="879"/>
        <source>申诉期限自送达之日起算（{article}）；登记申诉后不能再更改。</source>
        <translation>The appeal period runs from the date of service ({article}); it cannot be changed once an appeal is registered.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="887"/>
        <source>送达日期</source>
        <translation>Date of service</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="888"/>
        <source>登记送达日期</source>
        <translation>Record date of service</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="888"/>
        <source>登记</source>
        <translation>Register</translation>
    </message>
</context>
<context>
    <name>RecoveryPage</name>
    <message>
        <location filename="../../desktop/ui/dialogs/firstrun.py" line="339"/>
        <source>机构恢复密钥</source>
        <translation>Office recovery key</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/firstrun.py" line="341"/>
        <source>生成本机构的密钥。恢复密钥用口令加密后保存到您选择的文件，不留在本机。</source>
        <translation>Generate the office&apos;s keys. The recovery key is encrypted with a passphrase and saved to a file you choose; it does not stay on this computer.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/firstrun.py" line="347"/>
        <source>每位投诉人的身份都会同时为恢复密钥加密。所有受理人员都忘记密码时，只有恢复密钥能解开投诉人身份。请把文件保存到U盘等离线介质并放入保险柜，口令另行保管；文件是文本，也可以打印后存档（没有口令无法使用）。</source>
        <translation>Every complainant&apos;s identity is also encrypted for the recovery key. If every handler forgets their password, only the recovery key can open the identities. Save the file to offline media such as a USB stick kept in the safe, and keep the passphrase apart; the file is text and may also be printed for the archive (it is useless without the passphrase).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/firstrun.py" line="358"/>
        <source>选择…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/firstrun.py" line="365"/>
        <source>保存到文件</source>
        <translation>Save to file</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/firstrun.py" line="367"/>
        <source>恢复密钥口令</source>
        <translation>Recovery key passphrase</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/firstrun.py" line="368"/>
        <source>再次输入口令</source>
        <translation>Passphrase again</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/firstrun.py" line="372"/>
        <source>口令至少 {n} 个字符，且不能与管理员密码相同。</source>
        <translation>At least {n} characters, and not the administrator&apos;s password.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/firstrun.py" line="383"/>
        <source>保存机构恢复密钥</source>
        <translation>Save the office recovery key</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/firstrun.py" line="383"/>
        <source>文本文件 (*.txt)</source>
        <translation>Text files (*.txt)</translation>
    </message>
</context>
<context>
    <name>RectificationDialog</name>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="1041"/>
        <source>（请选择）</source>
        <translation>(Select)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="1045"/>
        <source>整改要求或建议的具体内容</source>
        <translation>What is required or recommended</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="1052"/>
        <source>按规定期限（{n}{unit}）</source>
        <translation>Standard period ({n}{unit})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="1056"/>
        <source>按规定期限</source>
        <translation>Standard period</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="1067"/>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="1068"/>
        <source>被督查单位</source>
        <translation>Agency</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="1069"/>
        <source>内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="1070"/>
        <source>提出日期</source>
        <translation>Issued on</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="1071"/>
        <source>整改期限</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="1072"/>
        <source>提出整改要求或督查建议</source>
        <translation>Issue requirement or recommendation</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="1072"/>
        <source>提出</source>
        <translation>Issue</translation>
    </message>
</context>
<context>
    <name>RectificationsPanel</name>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="847"/>
        <source>全部单位</source>
        <translation>All agencies</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="851"/>
        <source>只看未完成</source>
        <translation>Open only</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="853"/>
        <source>提出整改要求或督查建议…</source>
        <translation>Issue requirement or recommendation…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="855"/>
        <source>Ctrl+N</source>
        <translation>Ctrl+N</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="857"/>
        <source>登记整改情况…</source>
        <translation>Record rectification…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="861"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="863"/>
        <source>F5</source>
        <translation>F5</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="877"/>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="878"/>
        <source>单位</source>
        <translation>Agency</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="879"/>
        <source>内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="880"/>
        <source>提出日期</source>
        <translation>Issued on</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="881"/>
        <source>整改期限</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="882"/>
        <source>期限情况</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="884"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="886"/>
        <source>整改情况</source>
        <translation>Progress</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="940"/>
        <source>{kind}（{agency}，{issued} 提出，期限 {due}）：{content}</source>
        <translation>{kind} ({agency}, issued {issued}, due {due}): {content}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="948"/>
        <source>整改情况：{f}</source>
        <translation>Progress: {f}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="955"/>
        <source>已提出。</source>
        <translation>Issued.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/decisions.py" line="964"/>
        <source>整改情况已登记。</source>
        <translation>Rectification recorded.</translation>
    </message>
</context>
<context>
    <name>Refusal</name>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="94"/>
        <source>{message}（{article}）</source>
        <translation>{message} ({article})</translation>
    </message>
</context>
<context>
    <name>RegisterComplaintDialog</name>
    <message>
        <location filename="../../desktop/ui/dialogs/complaint_dialogs.py" line="91"/>
        <source>登记效能投诉</source>
        <translation>Register complaint</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/complaint_dialogs.py" line="95"/>
        <location filename="../../desktop/ui/dialogs/complaint_dialogs.py" line="125"/>
        <source>投诉事项</source>
        <translation>Matter</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/complaint_dialogs.py" line="111"/>
        <source>（请选择）</source>
        <translation>(Select)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/complaint_dialogs.py" line="119"/>
        <source>投诉的具体事项、时间、经过</source>
        <translation>What happened, when and how</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/complaint_dialogs.py" line="121"/>
        <source>投诉渠道</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/complaint_dialogs.py" line="122"/>
        <source>收到日期</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/complaint_dialogs.py" line="123"/>
        <source>被投诉单位</source>
        <translation>Agency complained of</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/complaint_dialogs.py" line="124"/>
        <source>被投诉人（可选）</source>
        <translation>Person complained of (optional)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/complaint_dialogs.py" line="138"/>
        <source>紧急情形</source>
        <translation>Urgent criteria</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/complaint_dialogs.py" line="142"/>
        <source>投诉人（加密保存，仅投诉受理人员可查看）</source>
        <translation>Complainant (stored encrypted; only complaint handlers can view)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/complaint_dialogs.py" line="144"/>
        <source>匿名投诉（不登记投诉人身份）</source>
        <translation>Anonymous (no complainant identity registered)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/complaint_dialogs.py" line="152"/>
        <source>18 位公民身份号码</source>
        <translation>18-character citizen ID number</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/complaint_dialogs.py" line="159"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/complaint_dialogs.py" line="160"/>
        <source>身份证号码</source>
        <translation>ID card number</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/complaint_dialogs.py" line="161"/>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/complaint_dialogs.py" line="162"/>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/complaint_dialogs.py" line="163"/>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/complaint_dialogs.py" line="178"/>
        <source>登记</source>
        <translation>Register</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/complaint_dialogs.py" line="182"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/complaint_dialogs.py" line="239"/>
        <source>（不指定）</source>
        <translation>(Not specified)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/complaint_dialogs.py" line="275"/>
        <source>重复投诉：已有 {n} 件投诉的身份证号码或电话与此相同（按加密索引比对，未解密）</source>
        <translation>Repeat complaint: {n} complaint(s) have the same ID number or phone (matched by encrypted index, without decrypting)</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <location filename="../../desktop/ui/pages/settings.py" line="394"/>
        <location filename="../../desktop/ui/pages/settings.py" line="473"/>
        <source>从备份恢复</source>
        <translation>Restore from a backup</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/settings.py" line="399"/>
        <source>备份文件</source>
        <translation>Backup file</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/settings.py" line="400"/>
        <source>备份口令</source>
        <translation>Backup passphrase</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/settings.py" line="402"/>
        <source>读取备份</source>
        <translation>Read the backup</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/settings.py" line="410"/>
        <location filename="../../desktop/ui/pages/settings.py" line="483"/>
        <source>恢复</source>
        <translation>Restore</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/settings.py" line="410"/>
        <location filename="../../desktop/ui/pages/settings.py" line="484"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/settings.py" line="430"/>
        <source>请选择备份文件</source>
        <translation>Choose a backup file</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/settings.py" line="436"/>
        <source>正在读取备份…</source>
        <translation>Reading the backup…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/settings.py" line="446"/>
        <source>备份时间：{date}（北京时间），由 {by} 制作
用户 {users} 人，督查方案 {plans} 项，检查 {visits} 次，投诉 {complaints} 件，问责决定 {decisions} 项，申诉 {appeals} 件，文书 {documents} 份，审计记录 {audit} 条
证据文件 {files} 个（{evidence}），数据库 {database}，节假日表 {tables} 个</source>
        <translation>Made {date} (Beijing time) by {by}
{users} users, {plans} inspection plans, {visits} visits, {complaints} complaints, {decisions} decisions, {appeals} appeals, {documents} documents, {audit} audit entries
{files} evidence files ({evidence}), database {database}, {tables} holiday tables</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/settings.py" line="475"/>
        <source>恢复将用 {date} 的备份替换本机当前的全部数据。
当前数据不会删除，而是移到数据文件夹旁的“before-restore”文件夹中。
恢复完成后程序将关闭，需要重新启动。确定恢复吗？</source>
        <translation>Restoring replaces all of this laptop&apos;s current data with the backup of {date}.
The current data is not deleted: it is moved to a “before-restore” folder beside the data folder.
The program closes after the restore and must be started again. Restore now?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/settings.py" line="503"/>
        <source>正在恢复…</source>
        <translation>Restoring…</translation>
    </message>
</context>
<context>
    <name>ServerPage</name>
    <message>
        <location filename="../../desktop/ui/dialogs/firstrun.py" line="214"/>
        <source>连接中心服务器</source>
        <translation>Connect to the central server</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/firstrun.py" line="215"/>
        <source>请输入服务器地址和您在服务器上的用户名、密码（由管理员开设）。</source>
        <translation>Enter the server&apos;s address and your username and password on the server (opened by the administrator).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/firstrun.py" line="221"/>
        <source>服务器地址</source>
        <translation>Server address</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/firstrun.py" line="222"/>
        <source>用户名</source>
        <translation>Username</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/firstrun.py" line="223"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/firstrun.py" line="228"/>
        <source>密码由服务器核对；本机只保存密码的校验值，以后断网时也能登录。投诉受理人员的密钥用本人密码加密后保存。</source>
        <translation>The server checks the password; this computer keeps only a verifier of it, so that signing in works offline later. A complaint handler&apos;s key is stored encrypted with their own password.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/firstrun.py" line="237"/>
        <source>正在连接中心服务器……</source>
        <translation>Connecting to the central server…</translation>
    </message>
</context>
<context>
    <name>SignDialog</name>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="851"/>
        <source>问责对象：{subject}；问责方式：{measures}。签发后不能再修改。</source>
        <translation>Subject: {subject}; measures: {measures}. The decision cannot be changed once signed.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="853"/>
        <source>免予问责</source>
        <translation>Exempted</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="857"/>
        <source>决定日期</source>
        <translation>Decision date</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="858"/>
        <source>签发问责决定</source>
        <translation>Sign accountability decision</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/decision_dialogs.py" line="858"/>
        <source>签发</source>
        <translation>Sign</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../desktop/ui/app.py" line="62"/>
        <source>正在准备演示数据……</source>
        <translation>Preparing demo data…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/app.py" line="100"/>
        <location filename="../../desktop/ui/signin.py" line="54"/>
        <source>效能督查</source>
        <translation>Efficiency Supervision</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signin.py" line="50"/>
        <source>效能督查 — 登录</source>
        <extracomment>The dialog&apos;s result when the laptop needs its first-run setup.</extracomment>
        <translation>Efficiency Supervision — Sign in</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signin.py" line="50"/>
        <source>会话已锁定</source>
        <translation>Session locked</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signin.py" line="64"/>
        <source>长时间未操作，会话已锁定。请 {name} 输入密码继续。</source>
        <translation>The session locked after a period of inactivity. {name}, enter your password to continue.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signin.py" line="77"/>
        <source>用户名</source>
        <translation>Username</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signin.py" line="78"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signin.py" line="88"/>
        <source>登录</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signin.py" line="88"/>
        <source>解锁</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signin.py" line="89"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signin.py" line="96"/>
        <source>正在打开本机数据……</source>
        <translation>Opening local data…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signin.py" line="154"/>
        <location filename="../../desktop/ui/signin.py" line="170"/>
        <source>正在通过中心服务器验证……</source>
        <translation>Checking with the central server…</translation>
    </message>
</context>
<context>
    <name>TextPrompt</name>
    <message>
        <location filename="../../desktop/ui/pages/plans.py" line="150"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>WorkPage</name>
    <message>
        <location filename="../../desktop/ui/dialogs/firstrun.py" line="176"/>
        <source>正在设置本机……</source>
        <translation>Setting up this computer…</translation>
    </message>
</context>
</TS>
