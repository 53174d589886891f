<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR" sourcelanguage="ko_KR">
<context>
    <name></name>
    <message>
        <location filename="../../privdesk/ui/consent/page.py" line="+71"/>
        <source>제{n}판</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>초안 {id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>새 동의 필요</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>첫 판</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>문구만 수정</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../privdesk/ui/help.py" line="+66"/>
        <source>privdesk 정보</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>버전</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>데이터베이스</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>위치</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>키 파일</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>스키마 버전</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>접속기록 현재 위치</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>이 PC의 증인 기록</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>증인 기록 파일</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>읽는 중…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>접속기록 전체 검증은 접속기록 화면의 [무결성 검증] 또는 명령줄의 privdesk audit verify로 합니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+25"/>
        <location line="+9"/>
        <source>읽을 수 없음</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-7"/>
        <source>{revision} (최신)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{revision} (이 프로그램의 최신: {head})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>아직 없음</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{seq}번까지 확인 ({at})</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AccessAnswerDialog</name>
    <message>
        <location filename="../../privdesk/ui/requests/actions.py" line="+568"/>
        <source>열람 답변 — {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>닫기</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>전체 보기…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+21"/>
        <source>마스킹 해제됨 — {seconds}초 뒤 다시 가립니다</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>주민등록번호·주소·연락처는 가려서 보입니다. 전체를 보려면 사유를 적으십시오 (접속기록에 남습니다).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+25"/>
        <source>{file} — {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>요구한 사항: {items}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>개인정보의 항목 및 내용</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+24"/>
        <source>항목</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-24"/>
        <source>내용</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>내원 기록</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>내원일</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>진료과</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>목적</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>내용은 홈페이지 관리 시스템에서 출력하여 첨부합니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>수집·이용의 목적</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>보유 및 이용 기간</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>제3자 제공 현황</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>제공일</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>제공받은 자</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>이용 목적</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>형태</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>제3자에게 제공한 내역이 없습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>처리에 동의한 사실 및 내용</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AccessDialog</name>
    <message>
        <location line="-402"/>
        <source>열람 완료</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>선택 — 예: 사본 3매 교부</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>비고</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AccessLogModel</name>
    <message>
        <location filename="../../privdesk/ui/audit/log.py" line="+54"/>
        <source>조회·검색</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>마스킹 해제</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>내보내기·출력</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>입력·변경·삭제</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>로그인·계정·권한</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>무결성·백업·시스템</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>성공</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>거부</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>실패</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+23"/>
        <source>번호</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>일시</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>계정(이름·부서)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>수행업무</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>상세</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-1"/>
        <source>대상</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>결과</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AccessLogPage</name>
    <message>
        <location line="+19"/>
        <source>접속기록</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>계정</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>전체</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-6"/>
        <source>이름 또는 아이디</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>수행업무</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>환자</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>차트번호 또는 이름</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>차트번호</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>조회</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>CSV 내보내기</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+152"/>
        <location line="+12"/>
        <source>무결성 검증</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-83"/>
        <source>{n}건</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{n}건 표시 — 아래로 내리면 더 읽습니다</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+7"/>
        <source>접속기록 내보내기</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-6"/>
        <source>내보내는 까닭을 적으십시오. 사유는 내보내기 기록에 함께 남습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>CSV 파일 (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>내보내기 완료</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>접속기록 {n}건을 내보냈습니다: {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>내보낸 파일도 개인정보 처리 기록입니다. 보관과 파기에 주의하십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+25"/>
        <source>검증 중…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AccountsModel</name>
    <message>
        <location filename="../../privdesk/ui/accounts/page.py" line="+54"/>
        <source>말소</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>잠김</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>비밀번호 변경 필요</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>사용 중</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>아이디</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>이름</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>부서</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>역할</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>상태</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>마지막 로그인</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>비밀번호 변경</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>등록</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AccountsPage</name>
    <message>
        <location line="+29"/>
        <source>계정 관리</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>계정 추가</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>역할 변경</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+218"/>
        <source>잠금</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-217"/>
        <location line="+228"/>
        <location line="+4"/>
        <source>잠금 해제</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-231"/>
        <location line="+242"/>
        <source>비밀번호 초기화</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-241"/>
        <location line="+257"/>
        <source>계정 말소</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-256"/>
        <source>권한 변경 이력</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>아이디·이름·부서로 거르기</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>말소된 계정 포함</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+70"/>
        <source>계정 {n}개</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+52"/>
        <source>다른 사용자가 변경함</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>다른 사용자가 먼저 이 계정을 변경했습니다. 최신 내용을 다시 불러왔으니 확인한 뒤 다시 하십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+76"/>
        <source>계정 잠금</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name} ({login}) 계정을 잠급니다. 잠긴 계정은 로그인할 수 없습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{name} ({login}) 계정의 잠금을 풉니다. 본인 확인 후 사유를 적으십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>{name} ({login}) 계정에 임시 비밀번호를 발급합니다. 다음 로그인 때 변경해야 합니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>초기화</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>{name} ({login}) 계정을 말소합니다(퇴직·전보). 모든 역할이 회수되고 다시 로그인할 수 없습니다. 계정 기록과 이력은 남습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>말소</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>권한 변경 이력 — {name} ({login})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>닫기</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AcknowledgeDialog</name>
    <message>
        <location filename="../../privdesk/ui/audit/integrity.py" line="+52"/>
        <source>무결성 위반 확인 — 개인정보 보호책임자</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>확인하면 다시 작업할 수 있습니다. 잘리거나 바뀐 기록은 지워지지 않고 검증 때마다 &apos;확인된 위반&apos;으로 표시됩니다. 조사한 내용과 조치를 적으십시오(주민등록번호·전화번호 등 개인정보는 적지 마십시오).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>예: 백업 복원 중 일어난 일로 확인, 전산팀 재발 방지 조치</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>비밀번호 다시 입력</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>확인하고 작업 재개</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>취소</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AddAccountDialog</name>
    <message>
        <location filename="../../privdesk/ui/accounts/dialogs.py" line="+55"/>
        <source>계정 추가</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>한 사람에 한 계정만 만드십시오(공용 계정 금지). 임시 비밀번호는 저장 후 한 번만 표시됩니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>영문 소문자로 시작, 예: kim.js</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>아이디</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>이름</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>부서</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>사유 (선택)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>추가</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>취소</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>이름을 입력하십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>역할을 하나 이상 고르십시오.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AffectDialog</name>
    <message>
        <location filename="../../privdesk/ui/incidents/page.py" line="+308"/>
        <source>유출된 정보주체 추가 — {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>차트번호 목록</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>내보내기 접속기록 순번</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>계정의 접근 기록</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+17"/>
        <source>CCTV 열람 청구</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-11"/>
        <source>한 줄에 차트번호 하나</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>접속기록 화면의 순번</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>아이디</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>접수번호, 쉼표로 여러 개 (예: CR-2026-0007)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>찾는 방법</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>차트번호</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>순번</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>계정</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-5"/>
        <location line="+7"/>
        <source>기간 (첫날)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-6"/>
        <location line="+7"/>
        <source>기간 (마지막 날)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AnswerDialog</name>
    <message>
        <location filename="../../privdesk/ui/complaints/page.py" line="+281"/>
        <source>답변 내용</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>답변에는 주민등록번호·전화번호 같은 개인정보를 적지 마십시오. 답변이 있어야 종결할 수 있습니다.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../privdesk/ui/app.py" line="+200"/>
        <source>키 파일 오류</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{message}

키 파일: {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+6"/>
        <location line="+4"/>
        <source>시작할 수 없음</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>데이터베이스를 열 수 없습니다. 주소와 네트워크를 확인하십시오. 자세한 내용: {path}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ApproveDialog</name>
    <message>
        <location filename="../../privdesk/ui/cctv/decisions.py" line="+109"/>
        <source>일부 승인 — {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>승인 — {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>일부 승인</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>승인</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>예: 청구인이 CAM-07 영상에 보임 (급박한 경우 필수)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>다른 사람이 함께 찍혀 있음 (마스킹 필요)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>마스킹(모자이크) 처리를 마침</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>처리한 사람</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>열람 대상 판단</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>판단 근거</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>열람 일시</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>열람 장소</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>타인 마스킹</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>마스킹 처리자</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>열람 제한 부분</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>제한 사유</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>급박한 생명·신체·재산의 이익을 위한 열람은 판단 근거를 적으십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>마스킹 처리자를 입력하십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>열람을 제한하는 부분과 그 이유를 적으십시오.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AttendDialog</name>
    <message>
        <location filename="../../privdesk/ui/training/page.py" line="+327"/>
        <source>교육</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>이수한 직원에 표시하십시오. 이미 기록된 직원은 흐리게 표시됩니다.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BackupBox</name>
    <message>
        <location filename="../../privdesk/ui/backup/page.py" line="+53"/>
        <source>지금 백업</source>
        <extracomment>what a backup changes (its record: the last backup, shown on 오늘 할 일)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{days}일 {hours}시간</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{hours}시간 {minutes}분</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{minutes}분</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>방금</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>매일</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>매주</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>자동 백업 꺼짐</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>백업 폴더가 설정되지 않아 자동 백업을 하지 않습니다. 설정 파일의 [backup] folder에 백업 폴더(공유 폴더 등)를 적으십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>아직 백업이 없습니다. 지금 백업하십시오 (자동 백업: {schedule}, 폴더 {folder}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>마지막 백업이 {age} 전({when})으로 일정({schedule})보다 오래되었습니다. 백업 폴더 {folder}와 네트워크를 확인하고 지금 백업하십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>마지막 백업: {when} ({age} 전, 정상). 자동 백업: {schedule}, 폴더 {folder}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>마지막 백업 시도가 실패했습니다({when}): {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+19"/>
        <source>백업 상태를 불러오지 못했습니다: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>백업하는 중입니다… 다른 작업은 계속할 수 있습니다.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CameraDialog</name>
    <message>
        <location filename="../../privdesk/ui/cctv/cameras.py" line="+85"/>
        <source>카메라 수정 — {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>카메라 추가</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>예: CAM-26</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>건물로비, 원내, 건물외부 …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>번호</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>설치 위치</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>촬영 범위</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>설치 목적</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>상태</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>비고</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>비워 두면 병원 프로필의 설치 목적</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>사유 (필수)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>저장</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>취소</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>카메라 번호를 입력하십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>설치 위치를 입력하십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>사유를 입력하십시오. 카메라 변경 이력에 남습니다.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CameraHistoryDialog</name>
    <message>
        <location line="+35"/>
        <source>카메라 변경 이력 — {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>닫기</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CamerasTab</name>
    <message>
        <location line="+13"/>
        <source>카메라 추가</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>수정</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>변경 이력</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+40"/>
        <source>카메라 {n}대 (운영 {active}대)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CancelDialog</name>
    <message>
        <location filename="../../privdesk/ui/training/page.py" line="-66"/>
        <source>교육</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>잘못 기록된 이수자에 표시하십시오. 기록은 &apos;취소됨&apos;으로 남고 이수로 세지 않습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>예: 불참자 잘못 기록</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>취소 사유</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Cctv</name>
    <message>
        <location filename="../../privdesk/ui/cctv/common.py" line="+64"/>
        <location line="+33"/>
        <source>열람</source>
        <extracomment>what a CCTV use case changes (the default of :meth:`CctvTab.run`)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-32"/>
        <source>존재확인</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>삭제</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>접수</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>기간 연장</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>승인</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>일부 승인</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>거절</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>완료</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+55"/>
        <source>종결</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-54"/>
        <source>철회</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>본인</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>법정대리인</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>대리인</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>보관 중</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>보존 연장 중</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>보관기간 경과(파기)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>촬영 전</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>열람등 청구 처리</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>수사기관 요청</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>사고·사건 조사</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>이용</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>제공</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>파기</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+34"/>
        <source>{n}일 지남</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>오늘 마감</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n}일 남음</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+143"/>
        <source>출력 사유</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-7"/>
        <source>{title}{eul} 출력하는 사유를 적으십시오. 접속기록에 남습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+51"/>
        <source>{title} 만드는 중…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../privdesk/ui/cctv/decisions.py" line="-105"/>
        <source>취소</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>출력</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>취소하는 중…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+35"/>
        <source>{title} 만드는 중… {n}쪽</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+94"/>
        <source>다른 사용자가 변경함</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>다른 사용자가 먼저 이 기록을 변경했습니다. 최신 내용을 다시 불러왔으니 확인한 뒤 다시 하십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../privdesk/ui/cctv/inbox.py" line="+54"/>
        <source> · 영상 없음</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CctvCamerasModel</name>
    <message>
        <location filename="../../privdesk/ui/cctv/cameras.py" line="-216"/>
        <source>운영</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>일시 중지</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>철거</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>번호</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>설치 위치</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>촬영 범위</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>설치 목적</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>상태</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>최종 변경</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>비고</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+106"/>
        <source>일시</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>변경자</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>내용</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>사유</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CctvHoldsModel</name>
    <message>
        <location filename="../../privdesk/ui/cctv/holds.py" line="+59"/>
        <source>보존 중</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>해제 — {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>기간 만료</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>번호</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>사유 구분</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>사유</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+36"/>
        <source>카메라</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-34"/>
        <source>영상 기간</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>보존 종료</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>설정</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>상태</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>, 보관기간 지남</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>위치</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>덮어쓰기 가능</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>보존 중인 날</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CctvLedgerModel</name>
    <message>
        <location filename="../../privdesk/ui/cctv/ledger.py" line="+85"/>
        <source>{n}번 정정</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>정정됨 → {ids}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+30"/>
        <source>번호</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>구분</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>일시</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>카메라</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>영상 기간</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>파일명/형태</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>담당자</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>목적/사유</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>제3자/열람등 요구자</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>이용·제공 근거</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>이용·제공 형태</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>기간</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>정정</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CctvLedgerPreview</name>
    <message>
        <location line="+22"/>
        <source>구분: {kind}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>카메라: {cameras}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>영상 기간: {window}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>목적: {purpose}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>담당자: {staff}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source> / 입회 {witness}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CctvPage</name>
    <message>
        <location filename="../../privdesk/ui/cctv/page.py" line="+41"/>
        <source>CCTV 관리</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>열람 요구</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>열람 기록</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>보존 연장</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>카메라</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CctvRequestsModel</name>
    <message>
        <location filename="../../privdesk/ui/cctv/inbox.py" line="+23"/>
        <source>접수번호</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>구분</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>청구인</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>접수 일시</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>처리 기한</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>남은 기간</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>상태</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>카메라</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>영상 기간</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <location filename="../../privdesk/ui/login.py" line="+190"/>
        <source>비밀번호 변경</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>처음 로그인했거나 관리자가 비밀번호를 초기화했거나 비밀번호 사용 기간이 지났습니다. 계속하려면 새 비밀번호로 변경하십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>현재 비밀번호</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>새 비밀번호</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>새 비밀번호 확인</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>규칙: 영문 대문자·소문자·숫자·특수문자 중 3종류 이상으로 8자 이상 또는 2종류 이상으로 10자 이상, 아이디 포함 금지, 최근에 쓴 비밀번호 금지.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+21"/>
        <source>변경</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>로그아웃</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>취소</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+29"/>
        <source>새 비밀번호와 확인이 서로 다릅니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>규칙을 만족합니다.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CloseDialog</name>
    <message>
        <location filename="../../privdesk/ui/incidents/page.py" line="+107"/>
        <source>사고 종결 — {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>원인</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>재발 방지 등 조치</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>종결 승인</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ClosingBackup</name>
    <message>
        <location filename="../../privdesk/ui/backup/page.py" line="+35"/>
        <source>privdesk 종료</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>종료하기 전에 백업하는 중입니다. 잠시 기다려 주십시오…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ComplaintForm</name>
    <message>
        <location filename="../../privdesk/ui/complaints/page.py" line="-135"/>
        <source>저장</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>취소</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+68"/>
        <source>신고·상담 접수</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+51"/>
        <source>신고·상담 종결</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>답변 기록</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+38"/>
        <source>정보주체 요구로 접수</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+63"/>
        <source>유출 사고로 등록</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ComplaintsModel</name>
    <message>
        <location line="-311"/>
        <source>침해 신고</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>상담·문의</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+545"/>
        <source>접수</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-544"/>
        <location line="+551"/>
        <source>답변</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-550"/>
        <location line="+551"/>
        <source>종결</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-548"/>
        <source>전화</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>방문</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>우편</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>홈페이지</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>접수번호</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+522"/>
        <source>구분</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-521"/>
        <location line="+522"/>
        <source>신고인</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-521"/>
        <source>요지</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>접수일</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+516"/>
        <source>기한</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-514"/>
        <source>남은 날</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+511"/>
        <source>상태</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-510"/>
        <source>연결</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+505"/>
        <source>차트번호 {chart}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>정보주체 요구</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>유출 사고</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>내용</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>답변 내용</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ComplaintsPage</name>
    <message>
        <location line="-206"/>
        <source>개인정보 침해 신고·상담</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>전화·방문·우편·홈페이지로 받은 개인정보 침해 신고와 상담입니다. 접수일부터 {days}일 안에 답변하고, 필요하면 정보주체 요구나 유출 사고로 바로 이어 접수합니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>접수…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>답변…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>종결…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>연락처 보기…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>정보주체 요구로 접수…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>유출 사고로 등록…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>종결 전</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>전체 (종결 포함)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+46"/>
        <source>답변 대기 {n}건 — 기한 경과 {late}건, 임박 {soon}건</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+32"/>
        <source>신고·상담을 고르면 내용이 여기에 나옵니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+49"/>
        <source>연락처 보기</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>신고인의 성명과 연락처를 마스킹 없이 봅니다. 사유는 접속기록에 남습니다.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CompleteDialog</name>
    <message>
        <location filename="../../privdesk/ui/cctv/decisions.py" line="+253"/>
        <source>처리 완료 — {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../privdesk/ui/requests/actions.py" line="+18"/>
        <source>완료</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>열람·삭제를 마쳤으면 관리대장에 기록하고 청구를 종결합니다. 자동 보존 연장도 끝납니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>입회자</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>비고</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../privdesk/ui/requests/actions.py" line="+2"/>
        <source>결과 통지서에 적힙니다. 예: 주소를 요구한 대로 정정함</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>처리 결과 (필수)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>완료하면 이 기록을 제공받은 제3자마다 정정 통지가 만들어지고, 환자 기록의 처리정지가 풀립니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>완료하면 정보주체에 처리정지·동의철회가 표시되어, 동의가 필요한 이용(안내·홍보 연락 등)을 더 하지 않습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>처리 결과를 입력하십시오.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Confirm</name>
    <message>
        <location filename="../../privdesk/ui/confirm.py" line="+43"/>
        <source>취소</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <location filename="../../privdesk/ui/registry/form.py" line="+374"/>
        <source>다른 사용자가 먼저 저장함</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>이 환자 기록을 불러온 뒤 다른 작업 PC에서 먼저 저장했습니다. 아래 항목이 바뀌었습니다. 이번 변경은 저장하지 않았습니다. 최신 내용을 다시 불러오니 확인한 뒤 다시 입력하십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>항목</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>불러온 값</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>지금 저장된 값</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>바뀐 항목을 알 수 없습니다 (접수·처리정지 등 다른 변경).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>최신 내용 다시 불러오기</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConsentDialog</name>
    <message>
        <location filename="../../privdesk/ui/registry/consents.py" line="+53"/>
        <source>키오스크</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>서면 (스캔한 동의서)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>구두 (다른 직원 입회)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+66"/>
        <source>동의 기록 — {who}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+21"/>
        <source>예: SCAN-2026-0001</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>입회한 직원의 아이디</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>본인</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+19"/>
        <source>법정대리인</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-15"/>
        <source>이름 (가려서 저장됩니다)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>예: 부, 모, 후견인</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>동의 목적</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>문안 판</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>동의서 문안</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>방법</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>동의서 번호</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>입회자</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>동의한 사람</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>관계</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>비고</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>기록</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>취소</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <source>제{n}판 (시행 {date})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>게시된 동의서 문안이 없습니다.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConsentPublishDialog</name>
    <message>
        <location filename="../../privdesk/ui/consent/page.py" line="+61"/>
        <source>동의서 문안 게시</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>시행일</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>동의를 다시 받아야 합니다 — 이용 목적·항목·제공받는 자가 바뀌었습니다. 이전 판에 한 동의는 시행일부터 효력이 없어, 다시 동의한 환자만 연락 명단에 들어갑니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>문구만 고칩니다 — 목적은 그대로입니다. 이전 판에 한 동의가 그대로 유효합니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>이전 판과 비교해 무엇이 바뀌었습니까?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>첫 판입니다: 이 판부터 동의를 받습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>게시…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>취소</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&apos;{purpose}&apos; 동의서 문안 {draft}{eul} 제{n}판으로 게시합니다.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConsentSection</name>
    <message>
        <location filename="../../privdesk/ui/registry/consents.py" line="-168"/>
        <source>동의(유효)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>새 동의 필요</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+5"/>
        <source>철회</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-4"/>
        <source>기록 없음</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>동의</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>제{n}판</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+21"/>
        <source>목적</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-20"/>
        <source>상태</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+22"/>
        <source>판</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-18"/>
        <location line="+13"/>
        <source>일시</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-9"/>
        <location line="+15"/>
        <source>방법·동의자</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-3"/>
        <source>구분</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>기록</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>비고</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+182"/>
        <source>동의 기록…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>철회…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>동의·철회 이력</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+67"/>
        <source>동의 철회</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{who}의 &apos;{purpose}&apos; 동의를 철회한 것으로 기록합니다. 이후 이 목적의 이용(연락 명단, 동의 근거 제공)에서 빠집니다. 철회 사유를 적으십시오 (개인정보는 적지 마십시오).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>철회 기록</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConsentTextsPage</name>
    <message>
        <location filename="../../privdesk/ui/consent/page.py" line="+167"/>
        <source>동의서 문안</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>동의 목적</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>연락 명단 내보내기…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+28"/>
        <source>새 문안 (초안)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>초안 저장</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>게시…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+31"/>
        <source>&apos;{purpose}&apos; 동의서 문안이 아직 없습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+27"/>
        <source>{label} — 작성 {at}, {who}. 아직 게시하지 않았습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>시행 예정</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>시행</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>첫 판: 이 판부터 동의를 받습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>동의를 다시 받아야 합니다: 이전 판에 한 동의는 시행일부터 효력이 없습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>문구만 고쳤습니다: 이전 판에 한 동의가 그대로 유효합니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{label} — {state} {date}, 게시 {who} ({at}). {decision}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>게시할 초안이 없습니다. 먼저 초안을 저장하십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{draft}{eul} 게시합니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+18"/>
        <source>{draft}{eul} 저장했습니다. 게시하면 다음 판이 됩니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+38"/>
        <source>&apos;{purpose}&apos; 동의서 문안 제{n}판을 게시합니다 (시행일 {date}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>첫 판입니다: 이 판부터 동의를 받습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>동의를 다시 받아야 합니다: 이전 판에 한 동의는 {date}부터 효력이 없어, 다시 동의한 환자만 연락 명단에 들어갑니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>문구만 고칩니다: 이전 판에 한 동의가 그대로 유효합니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>게시한 판은 고치거나 지울 수 없습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>동의서 문안 게시</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>제{n}판 게시</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&apos;{purpose}&apos; 동의서 문안 제{n}판을 게시했습니다 (시행일 {date}, {change}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+43"/>
        <source> 처리정지·동의철회 {s}명, 처리 보류 {h}명은 뺐습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&apos;{purpose}&apos; 연락 명단: 환자 {n}명을 내보냈습니다: {path}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>내보내기 완료</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>내보낸 파일도 개인정보입니다. 목적을 다하면 바로 파기하십시오.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConsentVersionsModel</name>
    <message>
        <location line="-536"/>
        <source>판</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>시행일</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>동의</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>게시자(초안: 작성자)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>게시·작성 일시</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ContactExportDialog</name>
    <message>
        <location line="+117"/>
        <source>연락 명단 내보내기</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>지금 유효한 동의가 있는 환자 전원을 CSV 파일로 내보냅니다. 처리정지·동의철회·처리 보류 중인 환자는 빠집니다. 사유가 환자마다 접속기록에 남습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>동의 목적</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>진료 예약·검진 안내 발송</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>사유</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>찾아보기…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>파일</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>마스킹 해제하여 내보내기 (전화번호 전체)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>내보내기</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>취소</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>내보낼 파일</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CSV 파일 (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ContactView</name>
    <message>
        <location filename="../../privdesk/ui/requests/parts.py" line="+55"/>
        <source>연락처 보기…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+38"/>
        <source>마스킹 해제됨 — {seconds}초 뒤 다시 가립니다</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+21"/>
        <source>요구인 {phone}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>정보주체 {phone}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>요구인</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>정보주체</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>생년월일 {birth}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>주소 {address}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ContractDialog</name>
    <message>
        <location filename="../../privdesk/ui/disclosures/contract.py" line="+69"/>
        <source>위탁 계약 관리 — {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>닫기</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>계약서 필수 기재사항 (개인정보 보호법 제26조제1항, 시행령 제28조제1항)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>조항 (예: 제7조)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>점검 사유 (필수, 예: 위탁 계약서 검토)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>점검 결과 저장</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>재위탁 (법 제26조제6항: 병원의 동의)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>재위탁 수탁자</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>재위탁 업무</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>병원의 동의일</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>동의 문서 (공문 번호 등)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>동의 문서</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>사유</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>재위탁 등록</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>선택 재위탁 종료</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>위탁 종료 시 개인정보 반환·파기 확인</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>파기</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>반환</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>조치</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>반환·파기일</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>확인서·공문 번호, 파기 증명 (예: 파기 확인서 2026-045, 사진 첨부)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>증빙</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>확인한 직원의 아이디 (비우면 본인)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>확인자</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>반환·파기 확인 기록</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+24"/>
        <source>위탁이 끝났으나 개인정보 반환·파기가 확인되지 않았습니다 (미결). 수탁업체의 확인서 등 증빙과 함께 기록하십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>위탁 중입니다. 위탁을 종료하거나 계약 종료일이 지나면 기록할 수 있습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>미점검</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>누락</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>있음 ({article})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>있음</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+43"/>
        <source>종료할 재위탁을 목록에서 고르십시오.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CorrectDialog</name>
    <message>
        <location filename="../../privdesk/ui/training/page.py" line="-45"/>
        <source>예: 교육일 오기 정정</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>정정 사유</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>원래 기록은 지워지지 않고 &apos;정정됨&apos;으로 남습니다. 이수 기록은 그대로입니다.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CorrectionDialog</name>
    <message>
        <location filename="../../privdesk/ui/cctv/ledger.py" line="+53"/>
        <source>정정 기재 — {n}번 기록</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{n}번 기록을 정정하는 새 기록을 남깁니다. 원래 기록은 그대로 남고 &apos;정정됨&apos;으로 표시됩니다. 바로잡을 내용을 고치고 정정 사유를 적으십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>구분</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>일시</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>예: CAM-03, CAM-04</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>카메라</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>영상 시작</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>영상 끝</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>파일명/형태</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>목적/사유</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>입회자</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>제3자/열람등 요구자</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>이용·제공 근거</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>이용·제공 형태</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>기간</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>예: 영상 기간 오기 (개인정보는 적지 마십시오)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>정정 사유</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>정정 기록</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>취소</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DashboardTab</name>
    <message>
        <location filename="../../privdesk/ui/lifecycle/page.py" line="+97"/>
        <source>단계별 건수</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+24"/>
        <source>보존(파기 제외) 기록과 사유</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>보유기간 점검 실행</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+22"/>
        <source>{file} — 보유기간: {rule} (기준일 {today})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>이번 달 보유기간이 끝나는 기록 {month}건, 분리보관 대상 {sep}건, 파기 대상 {due}건</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>파기 기한(보유기간 종료 후 {days}일)이 지난 기록 {n}건 — 가장 오래된 기록은 기한을 {late}일 넘겼습니다. 파기 계획을 만들어 바로 파기하십시오.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DateEdit</name>
    <message>
        <location filename="../../privdesk/ui/dateedit.py" line="+35"/>
        <source>날짜</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{label}: 2026-12-05 또는 20261205처럼 연·월·일을 입력하십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{label}: 없는 날짜입니다 ({text}). 월은 1~12, 일은 그 달의 마지막 날까지입니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{label}: 연도를 확인하십시오 ({first}~{last}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+31"/>
        <source>YYYY-MM-DD (선택)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>YYYY-MM-DD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>2026-12-05 또는 20261205처럼 입력하거나, 오른쪽 단추(Alt+↓)로 달력을 엽니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>달력에서 고르기</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DateTimeEdit</name>
    <message>
        <location filename="../../privdesk/ui/datetimeedit.py" line="+35"/>
        <source>{label}: 2026-12-05 14:30 또는 202612051430처럼 날짜와 시각(한국 시간, 24시간제)을 입력하십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>일시</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{label}: 없는 시각입니다 ({text}). 시는 0~23, 분은 0~59입니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+32"/>
        <source>YYYY-MM-DD HH:MM (선택)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>YYYY-MM-DD HH:MM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>2026-12-05 14:30 또는 202612051430처럼 한국 시간으로 입력하거나, 오른쪽 단추(Alt+↓)로 달력에서 날짜를 고릅니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>달력에서 날짜 고르기</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Demo</name>
    <message>
        <location filename="../../privdesk/ui/demo.py" line="+28"/>
        <source>[견본(데모)] {title}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>견본 데이터 — 실제 환자 기록이 아닙니다</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DisclosureBases</name>
    <message>
        <location filename="../../privdesk/ui/disclosures/common.py" line="+21"/>
        <source>정보주체의 별도 동의</source>
        <extracomment>what a disclosures use case changes (``changes=`` of the runner)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>다른 법률의 특별한 규정</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>급박한 생명·신체·재산의 이익</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>가명정보 처리 (통계작성·과학적 연구·공익적 기록보존)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>(구) 통계작성·학술연구 — 2020. 8. 5. 삭제된 근거</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>공중위생 등 공공의 안전을 위한 긴급한 필요</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>보호위원회 심의·의결 (소관 업무 수행)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>조약·국제협정의 이행</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>범죄의 수사와 공소의 제기·유지</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>법원의 재판업무 수행</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>형 및 감호·보호처분의 집행</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>제3자 제공</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>목적 외 이용</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DisclosureDialog</name>
    <message>
        <location filename="../../privdesk/ui/disclosures/form.py" line="+78"/>
        <source>정정 기재 — {n}번 기록</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>목적 외 이용·제3자 제공 기록</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>제3자 제공</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>목적 외 이용 (병원 내부)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>구분</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>개인정보파일</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>정보주체</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+306"/>
        <source>예: 관악경찰서 형사과</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-305"/>
        <location line="+303"/>
        <source>제공받는 자</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-301"/>
        <source>제공받는 자의 이용 목적</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>예: 이름, 주소, 내원일</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{label} (공공기관 전용)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>법적 근거</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+233"/>
        <source>근거 상세</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-225"/>
        <source>정기 제공이면 주기·기간 (예: 매월 1회, 2026-01 ~ 2026-12)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>날짜·주기·기간</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>법 제18조제5항: 이용 제한·안전성 확보 요청 내용</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>제한·조치 요청</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>요청 공문·영장 번호</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>문서번호</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>가명처리하여 이용·제공 (가명처리 기록을 함께 남깁니다)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>정보주체 수 (가명정보, 명단 없이)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-1"/>
        <source> 명</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-57"/>
        <source>이용·제공 목적</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>이용·제공 항목</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+18"/>
        <source>동의 목적</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>이용·제공일</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>이용·제공 형태</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+22"/>
        <source>비고</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>기록</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>취소</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+22"/>
        <source>가명처리 기록 (개인정보 보호법 제28조의4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>통계작성</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>과학적 연구</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>공익적 기록보존</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>처리 목적</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>예: 이름, 주민등록번호, 주소, 생년월일</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>가명처리한 항목</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>예: 이름 삭제, 생년월일 → 5세 단위 연령대</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>가명처리 방법</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>가명처리일</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>처리한 직원의 아이디 (비우면 본인)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>가명처리자</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>추가정보(대응표 등)의 분리보관 장소·관리자, 또는 &apos;추가정보 없음&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>추가정보 분리보관</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>예: 연구 종료(2027-06-30)까지</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>이용 기간</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>재식별 위험 검토 결과 (선택)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>적정성 검토</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>차트번호</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>환자 찾기</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>명부 밖 정보주체 이름</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>구분 (예: 온라인예약)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>추가</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>선택 삭제</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+21"/>
        <source>차트번호 {chart} 환자는 처리정지(정정 처리 중) 상태라 제공할 수 없습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>  — 처리정지 요구: 법률·급박한 경우만 제공</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>  — 동의 철회: 동의를 근거로 제공 불가</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>  — 분리보관: 법률에 따른 경우만 제공</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>명부 밖 정보주체의 이름을 입력하십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+45"/>
        <source>근거 상세 (필수)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+41"/>
        <source>이용 부서</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>예: 원무과 고객만족팀</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DisclosureHistoryModel</name>
    <message>
        <location filename="../../privdesk/ui/disclosures/common.py" line="+67"/>
        <source>번호</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>구분</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>이용·제공일</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>제공받는 자</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>제공 목적</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>법적 근거</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>제공 항목</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>제공 형태</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>문서번호</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>정정</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DisclosureHistoryTab</name>
    <message>
        <location filename="../../privdesk/ui/disclosures/tabs.py" line="+345"/>
        <source>차트번호</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>조회</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>차트번호로 환자를 찾으면 그 환자의 개인정보를 제3자에게 제공한 기록이 모두 나옵니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+31"/>
        <source>{label} — 제3자 제공 {n}건</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DisclosureLedgerModel</name>
    <message>
        <location filename="../../privdesk/ui/disclosures/common.py" line="-63"/>
        <source>번호</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>개인정보파일</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>법적 근거</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>정보주체</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{n}명</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-19"/>
        <source>구분</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>이용·제공일</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>이용 부서·제공받는 자</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>이용·제공 목적</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>항목</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>형태</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>가명처리</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>문서번호</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>제공자</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>정정</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+36"/>
        <source>예</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>아니오</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{n}번 정정</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>정정됨 → {ids}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DisclosureLedgerTab</name>
    <message>
        <location filename="../../privdesk/ui/disclosures/tabs.py" line="-308"/>
        <source>법적 근거 전체</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>조회</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-25"/>
        <source>이용·제공일</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>이용 부서·제공받는 자</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>구분 전체</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>제3자 제공</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>목적 외 이용</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>이용·제공 기록</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>선택 기록 정정 기재</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>대장 출력</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CSV 내보내기</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+63"/>
        <source>{n}건, 정보주체 {people}명</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+33"/>
        <source>정정 기재</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>정정할 기록을 표에서 고르십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>정정 기재 — 사유</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{n}번 기록을 정정하는 사유를 적으십시오. 정정 기록의 비고에 남고, 원래 기록은 그대로 남습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>정정 사유: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+53"/>
        <source>기간의 첫날이 마지막 날보다 늦습니다. 기간을 다시 지정하십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>개인정보의 목적 외 이용 및 제3자 제공 대장</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>내보내는 사유</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>제3자 제공 대장을 파일로 내보내는 사유를 적으십시오. 접속기록에 남습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>제3자 제공 대장 내보내기</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CSV 파일 (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>내보내기 완료</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>제3자 제공 기록 {n}건을 내보냈습니다: {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>내보낸 파일도 개인정보 처리 기록입니다. 보관과 파기에 주의하십시오.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DisclosureViewDialog</name>
    <message>
        <location filename="../../privdesk/ui/disclosures/view.py" line="+37"/>
        <source>제공 기록 {n}번</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>제한·조치 요청</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>비고</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>기록</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>닫기</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>정정…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DisclosuresPage</name>
    <message>
        <location filename="../../privdesk/ui/disclosures/__init__.py" line="+41"/>
        <source>개인정보 목적 외 이용·제3자 제공</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>제공 대장</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>정보주체별 이력</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExecuteJob</name>
    <message>
        <location filename="../../privdesk/ui/lifecycle/plans.py" line="+277"/>
        <source>파기 계획 {n} 실행 중…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>취소</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+60"/>
        <source>파기 실행</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-58"/>
        <source>취소하는 중…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+41"/>
        <source>{step} 중… (운영 DB 정리, 잠시 기다리십시오)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{step}: {done}/{total}건</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>취소를 눌렀을 때는 이미 삭제가 시작되어 되돌릴 수 없었습니다. 파기를 끝까지 마쳤습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>파기 실행을 취소했습니다. 아무 기록도 삭제되지 않았고 계획은 &apos;승인됨&apos; 상태로 돌아갔습니다. 나중에 다시 실행하거나 계획을 취소할 수 있습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>파기 실행을 취소했습니다. 이번 실행으로 삭제된 기록은 없습니다. 이전에 중단된 실행을 이어 하던 계획이라 &apos;실행 중(중단됨)&apos;으로 남으며, 다시 실행하면 마칠 수 있습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>파기 실행 취소</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../privdesk/ui/registry/dialogs.py" line="+49"/>
        <source>정보주체의 열람 요구</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>법령에 따른 제출</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>보험 청구</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>진료비 청구</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+195"/>
        <source>환자 명부 내보내기</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>선택한 환자 {n}명을 CSV 파일로 내보냅니다. 사유가 환자마다 접속기록에 남습니다. 처리정지 중인 환자는 내보낼 수 없습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>사유</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>찾아보기…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>파일</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>마스킹 해제하여 내보내기</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>안내·홍보 연락에 쓸 명단 (동의 기록이 있는 환자만: 동의가 없거나 철회·처리정지한 환자가 있으면 거절됨)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>동의 목적</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>내보내기</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>내보낼 파일</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CSV 파일 (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExtendDialog</name>
    <message>
        <location filename="../../privdesk/ui/cctv/decisions.py" line="-67"/>
        <source>기한 연장 — {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>연장</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>연기 통지서에 적힙니다. 예: 타인 마스킹 작업에 시간이 걸림</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../privdesk/ui/requests/actions.py" line="-73"/>
        <source>지금 기한</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>연장한 기한</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>사유 (필수)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <location filename="../../privdesk/ui/requests/actions.py" line="+13"/>
        <source>연기 사유를 입력하십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../privdesk/ui/requests/actions.py" line="-26"/>
        <source>열람 연기</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>연기</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>연기 통지서에 적힙니다. 예: 다른 사람의 정보를 가리는 데 시간이 걸림</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>연기한 기한</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>연기 사유 (필수)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>정당한 사유가 있으면 열람을 한 번, {days}일까지 연기할 수 있습니다(개인정보 보호법 제35조제3항). 연기하면 사유와 이의제기 방법을 적은 열람 연기 통지서를 요구인에게 보내고, 사유가 없어지면 지체 없이 열람하게 하여야 합니다.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <location filename="../../privdesk/ui/registry/import_wizard.py" line="+61"/>
        <source>자동 판별</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CP949 (EUC-KR, 한글 Excel)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+67"/>
        <source>1. 파일과 인코딩</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>EMR에서 내보낸 CSV 파일을 고르십시오. 한글이 제대로 보이는지 미리보기로 확인하십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>찾아보기…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>파일</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>문자 인코딩</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+19"/>
        <source>가져올 파일</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CSV 파일 (*.csv *.txt);;모든 파일 (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+19"/>
        <source>파일이 없습니다: {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>{encoding}{ro} 읽습니다. 열 {columns}개, 처음 {rows}줄 미리보기 (주민등록번호·전화번호는 가려서 표시).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../privdesk/ui/firstrun.py" line="+56"/>
        <source>privdesk 초기 설정</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>처음 시작합니다</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>데이터베이스가 아직 없습니다. 데이터베이스와 암호화 키 파일을 만들고 개인정보 보호책임자 계정을 등록합니다. 병원 프로필: {hospital}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>데이터베이스</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>키 파일</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>키 파일은 데이터베이스에 저장되지 않습니다. 키 파일을 잃으면 암호화된 개인정보를 되살릴 수 없으니 설정 후 안전한 곳에 따로 백업하십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>영문 소문자로 시작, 예: yook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>보호책임자 아이디</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>보호책임자 이름</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>비밀번호</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>비밀번호 확인</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>설정 시작</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>종료</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+24"/>
        <source>비밀번호와 확인이 서로 다릅니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>비밀번호 규칙을 만족합니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>비밀번호 규칙: 영문 대문자·소문자·숫자·특수문자 중 3종류 이상으로 8자 이상, 또는 2종류 이상으로 10자 이상. 아이디를 포함할 수 없습니다.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GuideDialog</name>
    <message>
        <location filename="../../privdesk/ui/help.py" line="+20"/>
        <source>사용 설명서</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>사용 설명서를 찾을 수 없습니다. 설치가 온전한지 전산 담당자에게 확인하십시오.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Help</name>
    <message>
        <location line="-110"/>
        <source>닫기</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HoldDialog</name>
    <message>
        <location filename="../../privdesk/ui/cctv/holds.py" line="+20"/>
        <source>보존 연장 설정</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>설정</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>예: 관악경찰서 수사 협조 요청 (공문 접수 전)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>날짜까지</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>청구 종결 시까지</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>카메라</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>영상 기간</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>사유 구분</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>사유</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>보존 종료</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>보존할 카메라를 고르십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>보존 사유를 입력하십시오.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HoldsTab</name>
    <message>
        <location line="+29"/>
        <source>보존 연장 설정</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+123"/>
        <source>보존 해제</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-120"/>
        <source>해제된 보존 포함</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>보관기간 점검</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>점검</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+46"/>
        <source>{date} 기준 보관기간 {days}일: {through}까지 촬영분은 덮어쓸 수 있습니다. 보존 연장 중인 카메라 {held}대.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>덮어쓴 영상 {n}일분을 관리대장에 파기로 기록했습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+43"/>
        <source>보존 {id}번({cameras})을 지금 해제합니다. 해제한 영상은 보관기간이 지났으면 덮어쓰일 수 있습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>해제</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HomepageDialog</name>
    <message>
        <location filename="../../privdesk/ui/incidents/page.py" line="+366"/>
        <source>홈페이지 게시문 — {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>복사</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>닫기</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location filename="../../privdesk/ui/registry/import_wizard.py" line="+201"/>
        <source>환자 명부 가져오기</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>다음</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>이전</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>가져오기 시작</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>닫기</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>취소</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+43"/>
        <source>취소하는 중… 진행 중인 묶음을 되돌립니다.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InboxTab</name>
    <message>
        <location filename="../../privdesk/ui/cctv/inbox.py" line="+13"/>
        <source>새 요구 접수</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>열기</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>지난 요구 포함</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+27"/>
        <source>개인영상정보 열람·존재확인 청구서</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+26"/>
        <source>{number} 접수: 요청한 기간의 영상은 보관기간이 지나 이미 없습니다(보존 연장 없음). &apos;보관기간 경과로 파기&apos;를 사유로 결과를 통지하십시오. 처리 기한 {due}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{number} 접수: 카메라 {cameras}의 {window} 영상에 청구 종결 시까지 자동 보존 연장을 걸었습니다. 처리 기한 {due}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IncidentClockBox</name>
    <message>
        <location filename="../../privdesk/ui/incidents/clock.py" line="+37"/>
        <source>사고 대장 열기</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>대응 중인 유출 사고가 없습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>대응 중인 유출 사고 {n}건 (72시간 기한)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>모든 의무 완료</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>외 {n}건</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-26"/>
        <source>유출 사고 현황을 불러오지 못했습니다: {error}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IncidentDialog</name>
    <message>
        <location filename="../../privdesk/ui/complaints/page.py" line="-200"/>
        <source>인지 일시 (한국 시간)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>유형</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>경위</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>사고 대장에 등록하고 이 신고와 연결합니다. 72시간 기한은 인지 일시부터입니다.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IncidentForm</name>
    <message>
        <location filename="../../privdesk/ui/incidents/page.py" line="-665"/>
        <source>저장</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>취소</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IncidentsModel</name>
    <message>
        <location line="-70"/>
        <source>사고 번호</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>인지 일시</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>유형</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>정보주체</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>통지 (72시간)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>신고 (72시간)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>상태</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IncidentsPage</name>
    <message>
        <location line="+382"/>
        <source>유출 등 사고 대장</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>개인정보가 유출되었음을 알게 된 때부터 72시간 안에 정보주체에게 알리고, 1,000명 이상이거나 민감·고유식별정보가 포함되었거나 외부의 불법 접근이면 개인정보보호위원회·KISA에 신고합니다 (개인정보 보호법 제34조).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>사고 등록…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>정보주체 추가…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>정보주체 제외…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>통지·신고 기록…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>문자 발송 CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>홈페이지 게시문…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-9"/>
        <source>종결…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>출력·내보내기:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>통지서…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>신고서…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>처리 기록…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>연간 대장…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <source>대응 중인 사고</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>전체 (종결 포함)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+55"/>
        <source>대응 중 {n}건 — 기한을 넘긴 의무가 있는 사고 {late}건</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+37"/>
        <source>사고를 고르면 내용이 여기에 나옵니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+65"/>
        <source>유출 통지서</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>개인정보 유출 등 신고서</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>유출 등 사고 처리 기록</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+22"/>
        <source>유출 등 사고 대장 {year}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+19"/>
        <source>내보내는 사유</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>문자 발송용 파일을 만드는 사유를 적으십시오. 접속기록에 남습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>문자 발송용 CSV 저장</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CSV 파일 (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>문자 발송용 파일</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n}명을 내보냈습니다: {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>휴대전화 번호가 없는 {n}명은 우편이나 홈페이지 게시로 알리십시오. 파일은 발송 뒤 지우십시오.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IntakeDialog</name>
    <message>
        <location filename="../../privdesk/ui/cctv/intake.py" line="+79"/>
        <source>새 요구 접수 — 개인영상정보 열람·존재확인·삭제 청구</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../privdesk/ui/requests/intake.py" line="+352"/>
        <source>YYYY-MM-DD (선택)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../privdesk/ui/cctv/intake.py" line="+18"/>
        <source>선택 — 결과 통지서를 우편으로 보낼 때</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>청구인</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>청구 구분</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../privdesk/ui/requests/intake.py" line="-165"/>
        <source>성명</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../privdesk/ui/requests/intake.py" line="+1"/>
        <location line="+33"/>
        <source>연락처</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-22"/>
        <location line="+23"/>
        <location filename="../../privdesk/ui/requests/intake.py" line="-44"/>
        <location line="+12"/>
        <source>생년월일</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../privdesk/ui/requests/intake.py" line="+1"/>
        <source>주소</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../privdesk/ui/requests/intake.py" line="+29"/>
        <source>정보주체와의 관계</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>정보주체 성명</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../privdesk/ui/requests/intake.py" line="+6"/>
        <source>신분 확인 서류</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../privdesk/ui/requests/intake.py" line="+1"/>
        <source>확인자</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>청구 대상 영상</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>카메라 (여러 대 선택)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>영상 기간 (촬영 일시)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>청구 목적 및 사유</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+22"/>
        <location filename="../../privdesk/ui/requests/intake.py" line="+51"/>
        <source>접수</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../privdesk/ui/requests/intake.py" line="+1"/>
        <source>취소</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+25"/>
        <source>위임장 확인함 (개인정보 보호법 제38조)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../privdesk/ui/requests/intake.py" line="+79"/>
        <source>대리 관계 서류(가족관계증명서 등) 확인함</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>본인 청구 — 위임장 필요 없음</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+22"/>
        <source>영상을 확인할 카메라를 고르십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>영상 기간의 끝이 시작보다 늦어야 합니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>영상 기간은 31일 이내로 지정하십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>아직 촬영되지 않은 시각은 지정할 수 없습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>요청한 기간의 영상은 보관기간({days}일)이 지나 이미 없습니다(보존 연장 없음). 접수하면 &apos;영상 없음&apos;으로 기록되고, 결과 통지서에 영상이 없다고 안내합니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>접수하면 고른 카메라·기간의 영상에 청구 종결 시까지 자동 보존 연장을 겁니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>다만 {days}의 영상은 보관기간이 지나 없습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>일부 영상은 이미 보존 연장 중입니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../privdesk/ui/requests/intake.py" line="-245"/>
        <source>요구 접수 — 개인정보 열람·정정·삭제·처리정지 요구</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+27"/>
        <source>요구</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>요구 구분</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>개인정보파일</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>접수 방법</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>접수 일시</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>찾기</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+24"/>
        <location line="+28"/>
        <source>선택 — 통지서를 우편으로 보낼 때</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-26"/>
        <source>정보주체</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <source>010-0000-0000 (결과를 알릴 연락처)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>요구인</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>요구인 성명</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-16"/>
        <location line="+18"/>
        <source>요구인 생년월일</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>요구인 주소</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>대리 서류</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+19"/>
        <source>요구 내용</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>열람할 사항</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>요구 내용·사유</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+106"/>
        <source>YYYY-MM-DD (신분증의 생년월일)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>위임장 확인함 (개인정보 보호법 제38조, 별지 제11호서식)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>요구 내용·사유 (선택)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>요구 내용·사유 (필수)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>열람 목적 등 (선택)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>정정할 항목과 바른 내용, 사유 (예: 주소 변경 — 새 주소)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>삭제할 항목과 사유</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>정지할 처리와 사유 (예: 안내 문자 발송 중단)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>철회할 동의와 사유 (예: 홈페이지 회원 탈퇴)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+108"/>
        <source>환자를 찾아 목록에서 골라 연결하십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>정보주체 성명을 입력하십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-25"/>
        <source>{name} · {rrn} · 차트번호 {chart} · 최종 내원 {last}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-29"/>
        <location line="+33"/>
        <source>이미 처리정지 중</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-314"/>
        <source>이름, 초성(ㅎㄱㄷ), 생년월일, 전화 끝 4자리 또는 차트번호</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>환자 명부의 검색과 같습니다: 찾은 환자는 가려서 보이고, 검색은 접속기록에 남습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+30"/>
        <source>환자 찾기</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+198"/>
        <source>이름, 초성, 생년월일, 전화 끝 4자리 또는 차트번호를 입력하십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+19"/>
        <source>환자 명부에서 &apos;{query}&apos;에 맞는 환자를 찾을 수 없습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{n}명을 찾았습니다. 목록에서 환자를 고르십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{n}명까지 보입니다. 더 자세히 찾거나 목록에서 고르십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>차트번호 {chart}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+27"/>
        <source>이름·초성·생년월일·전화 끝 4자리·차트번호로 환자를 찾으십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+39"/>
        <source>열람할 사항을 하나 이상 고르십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+53"/>
        <source>표시한 항목을 고치십시오.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IntakeModel</name>
    <message>
        <location filename="../../privdesk/ui/registry/model.py" line="+239"/>
        <source>접수일</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>진료과</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>목적</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>담당</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IntegrityBox</name>
    <message>
        <location filename="../../privdesk/ui/audit/integrity.py" line="+39"/>
        <source>접속기록 열기</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>위반 확인…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+23"/>
        <source>{message}
개인정보 보호책임자와 감사 담당자만 작업할 수 있습니다. 접속기록 화면의 &apos;무결성 검증&apos;으로 확인하십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+22"/>
        <source>무결성 위반 확인</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KeyBackupDialog</name>
    <message>
        <location filename="../../privdesk/ui/backup/keys.py" line="+223"/>
        <source>초기 설정 — 키 파일 백업</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>키 파일을 백업했습니까?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>이 PC 밖의 안전한 곳(USB 메모리 등 따로 보관하는 매체)에 키 파일을 복사하십시오. 키 파일을 잃으면 암호화된 개인정보(주민등록번호, 주소, 연락처)를 되살릴 수 없습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>키 파일: {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>키 복구 용지도 지금 만들 수 있습니다: 키를 종이에 적은 것으로, 인쇄해 금고에 보관하면 키 파일을 모두 잃어도 &apos;privdesk key restore&apos;로 다시 만들 수 있습니다. 나중에는 계정 → 키 관리…에서 출력합니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>키 복구 용지 저장…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>키 파일을 백업했습니다</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>설정 마치기</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+18"/>
        <source>키 복구 용지 저장</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PDF (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>키 복구 용지를 만드는 중…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{path}에 저장했습니다 ({pages}쪽). 인쇄해 금고에 보관하고 파일은 지우십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+22"/>
        <source>키 파일을 백업한 뒤 &apos;키 파일을 백업했습니다&apos;에 표시하십시오.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KeysDialog</name>
    <message>
        <location line="-220"/>
        <source>키 관리 — 개인정보 보호책임자</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+75"/>
        <source>지금 키의 확인값: {check}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-70"/>
        <source>키 복구 용지: 키를 종이에 적은 것입니다. 인쇄해 금고에 보관하면 키 파일을 모두 잃어도 &apos;privdesk key restore&apos;로 다시 만들 수 있습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>키 복구 용지 저장…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>키 교체: 키 파일이 있는 PC를 잃었을 때 새 키로 바꿉니다. 교체하는 동안 아무도 작업할 수 없고, 끝나면 새 키 파일을 다른 작업 PC에 복사해야 합니다. 이전 키 파일로는 더 이상 열리지 않습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>비밀번호 다시 입력</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>키 교체 시작</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>키 복구 용지 저장</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PDF (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>키 복구 용지</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{path}에 저장했습니다 ({pages}쪽). 인쇄해 금고에 보관하고 파일은 지우십시오.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LedgerPreviewDialog</name>
    <message>
        <location filename="../../privdesk/ui/cctv/ledger.py" line="-99"/>
        <source>관리대장 기록 확인</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>다음 내용을 개인영상정보 관리대장에 기록합니다. 기록은 지울 수 없고, 틀리면 정정 기록으로 고칩니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>관리대장에 기록</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>돌아가기</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LedgerTab</name>
    <message>
        <location line="+223"/>
        <source>구분</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+7"/>
        <location line="+60"/>
        <source>전체</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-63"/>
        <source>카메라</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <location filename="../../privdesk/ui/lifecycle/ledger.py" line="+188"/>
        <source>조회</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+136"/>
        <source>정정 기재</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-131"/>
        <source>제3자 제공 기록</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+27"/>
        <source>관리대장 기간</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <location filename="../../privdesk/ui/lifecycle/ledger.py" line="+25"/>
        <source>관리대장 출력</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+44"/>
        <location filename="../../privdesk/ui/lifecycle/ledger.py" line="+25"/>
        <source>{n}건</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../privdesk/ui/lifecycle/ledger.py" line="+2"/>
        <source>{n}건 표시 — 아래로 내리면 더 읽습니다</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>카메라를 고르십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>열람 목적을 입력하십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+36"/>
        <source>정정할 기록을 표에서 고르십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+43"/>
        <location filename="../../privdesk/ui/lifecycle/ledger.py" line="+32"/>
        <source>기간의 첫날이 마지막 날보다 늦습니다. 기간을 다시 지정하십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>개인영상정보 관리대장</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../privdesk/ui/lifecycle/ledger.py" line="-89"/>
        <source>검색어</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>종이·매체 파기 기록</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>출력 기간</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+73"/>
        <source>개인정보파일 파기 관리대장</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LegalHoldsTab</name>
    <message>
        <location filename="../../privdesk/ui/lifecycle/holds.py" line="+207"/>
        <source>법적 보존 중인 기록은 보유기간이 지나도 파기하지 않습니다. 설정과 해제는 사유와 함께 접속기록에 남습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>보존 설정</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>보존 해제</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>해제된 보존 포함</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+33"/>
        <source>보존 중 {active}건</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>보존 중 {active}건, 해제 {released}건</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+48"/>
        <source>법적 보존 해제</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>보존 {id}번 (차트번호 {chart})을 해제합니다. 보유기간이 지난 기록이면 다음 파기 계획에 포함됩니다. 해제 사유는 접속기록에 남으니 환자 성명 등 개인정보는 적지 마십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>해제</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Lifecycle</name>
    <message>
        <location filename="../../privdesk/ui/lifecycle/page.py" line="-113"/>
        <source>이용 중</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>분리보관</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>파기 대상</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>보존(파기 제외)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>파기됨</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LifecycleExclusionModel</name>
    <message>
        <location filename="../../privdesk/ui/lifecycle/plans.py" line="-198"/>
        <source>차트번호</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>이름</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>최종 내원일</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>보유기간 종료일</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>제외 사유</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LifecycleHeldModel</name>
    <message>
        <location filename="../../privdesk/ui/lifecycle/page.py" line="+14"/>
        <source>차트번호</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>구분</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>사유</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>보유기간 종료일</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LifecycleHoldsModel</name>
    <message>
        <location filename="../../privdesk/ui/lifecycle/holds.py" line="-263"/>
        <source>이용 중</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>분리보관</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>파기됨</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>보존 중</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>해제 {at} {who}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>번호</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>차트번호</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>성명</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>기록 상태</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>보존 사유</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>설정자</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>설정 일시</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>상태</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>해제 사유</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LifecycleLedgerModel</name>
    <message>
        <location filename="../../privdesk/ui/lifecycle/ledger.py" line="-225"/>
        <source>번호</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>개인정보 파일명</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>자료의 종류</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>생성일</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>폐기일</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>수량</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>방법</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>처리담당자</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>처리부서장</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>입회자</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>확인서 번호</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>폐기사유</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LifecyclePage</name>
    <message>
        <location filename="../../privdesk/ui/lifecycle/page.py" line="+227"/>
        <source>보유기간·분리보관·파기</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>현황</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>파기 계획</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>파기 관리대장</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>보유기간 규칙</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>법적 보존</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>분리보관</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>이 계정에는 보유·파기 업무 권한이 없습니다.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LifecyclePlanItemModel</name>
    <message>
        <location filename="../../privdesk/ui/lifecycle/plans.py" line="-56"/>
        <source>차트번호</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>이름</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>최종 내원일</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>보유기간 규칙</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>보유기간 종료일</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>파기 기한 경과</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{days}일 지남</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>보관 위치</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>실행 시 제외</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LifecyclePlanModel</name>
    <message>
        <location line="-72"/>
        <source>번호</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>상태</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>기준일</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>대상</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>제외</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>기한 경과</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>작성자</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>승인</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>파기 건수</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LifecyclePlans</name>
    <message>
        <location line="-42"/>
        <source>파기 준비</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>분리보관 DB에서 삭제</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>운영 DB에서 삭제</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>복구 불가 조치</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LifecycleRules</name>
    <message>
        <location filename="../../privdesk/ui/lifecycle/rules.py" line="+54"/>
        <source>최종 내원일로부터</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>목적 달성 시까지</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>촬영일로부터</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LifecycleRulesModel</name>
    <message>
        <location line="+7"/>
        <source>미내원 {days}일 후</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>개인정보파일</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>항목</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>목적</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>법적 근거</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>보유기간</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>분리보관 기준</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>수정자</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>수정 일시</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LifecycleSeparatedModel</name>
    <message>
        <location filename="../../privdesk/ui/lifecycle/page.py" line="-132"/>
        <source>차트번호</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>성명</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>주민등록번호</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>주소</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>연락처</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>최종 내원일</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>보유기간 종료일</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>분리보관 일시</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LockOverlay</name>
    <message>
        <location filename="../../privdesk/ui/idle.py" line="+125"/>
        <source>화면이 잠겼습니다</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>자리를 비운 동안 개인정보가 보이지 않도록 화면을 잠갔습니다. 작성 중인 내용은 그대로 있습니다. 계속하려면 {account}의 비밀번호를 입력하십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>비밀번호(&amp;P)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>비밀번호</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>로그아웃</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>잠금 해제</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+23"/>
        <source>비밀번호를 입력하십시오.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../privdesk/ui/login.py" line="-225"/>
        <source>계정이 잠겼습니다(잠김). 개인정보 보호책임자에게 잠금 해제를 요청하십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>계정이 잠겼습니다(잠김). 개인정보 보호책임자 {who}에게 잠금 해제를 요청하십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+19"/>
        <source>개인정보 보호 업무 관리 — 본인 계정으로 로그인하십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>아이디</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>비밀번호</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-16"/>
        <location line="+27"/>
        <source>로그인</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>종료</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>작업 PC: {host} ({ip}) — 로그인과 실패는 접속기록에 남습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+19"/>
        <source>아이디와 비밀번호를 입력하십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+42"/>
        <source>비밀번호를 변경해야 로그인할 수 있습니다.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../privdesk/ui/mainwindow.py" line="+79"/>
        <source>{hospital} — privdesk 개인정보 보호 업무</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+183"/>
        <source>계정(&amp;A)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>내 정보…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>비밀번호 변경…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>화면 잠금</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>키 관리…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>로그아웃</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>도움말(&amp;H)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>사용 설명서</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>단축키</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>정보…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+56"/>
        <source>처리 중…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>계정: {name} ({login})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>역할: {roles}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>작업 PC: {host} ({ip})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>비밀번호가 {days}일 뒤 만료됩니다. [계정] 메뉴의 비밀번호 변경으로 미리 바꾸십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>비밀번호 만료 예정</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+57"/>
        <source>비밀번호가 올바르지 않습니다. 계속 틀리면 계정이 잠깁니다.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ManualDialog</name>
    <message>
        <location filename="../../privdesk/ui/lifecycle/ledger.py" line="+16"/>
        <source>종이·매체 파기 기록</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>예: 2019년 진료 접수 대장</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>보유기간 경과</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>예: 2019-01 ~ 2019-12 (선택)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>전문업체 파기 시 필수</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>개인정보 파일명</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>자료의 종류</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>수량</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>파기 방법</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>파기일</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>파기 사유</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>생성일(기간)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>처리담당자</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>입회자</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>처리부서장</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>파기 확인서 번호</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>기록</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>취소</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <location filename="../../privdesk/ui/registry/import_wizard.py" line="-229"/>
        <source>2. 열 지정</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>각 항목을 파일의 어느 열에서 읽을지 고르십시오. 알려진 머리글은 미리 골라 두었습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source> (필수)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+18"/>
        <source>(가져오지 않음)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>필수 항목의 열을 고르십시오: {fields}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>한 열을 두 항목에 쓸 수 없습니다: {column}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MaskingDialog</name>
    <message>
        <location filename="../../privdesk/ui/cctv/decisions.py" line="+13"/>
        <source>마스킹 처리 기록 — {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>기록</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>마스킹 처리자</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>마스킹 처리자를 입력하십시오.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../../privdesk/ui/messages.py" line="+34"/>
        <source>알림</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>예기치 않은 오류</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>예기치 않은 오류가 발생했습니다. 작업은 저장되지 않았을 수 있습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>자세한 내용은 로그 파일을 보십시오: {path}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Navigation</name>
    <message>
        <location filename="../../privdesk/ui/pages.py" line="+141"/>
        <source>오늘 할 일</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>환자 명부</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>정보주체 요구</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>제3자 제공</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>CCTV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>보유·파기</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>사고 대장</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>신고·상담</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>수탁업체</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>계정 관리</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>접속기록</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>접속기록 점검</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>동의서 문안</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>교육</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>이용·제공 내역 통지</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-10"/>
        <source>개인정보 처리방침</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>권한 변경 이력</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NoticeBatchesModel</name>
    <message>
        <location filename="../../privdesk/ui/notice/page.py" line="+50"/>
        <source>통지</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>형식</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>만든 날</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>만든 사람</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>환자</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>제3자 제공</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>발송</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>반송</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>미기록</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>사유</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NoticePage</name>
    <message>
        <location line="+15"/>
        <source>개인정보 이용·제공 내역 통지</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>민감정보·고유식별정보를 처리하는 정보주체가 5만 명 이상이면, 해마다 한 번 이상 개인정보의 이용 목적·항목과 제3자 제공 내역을 본인에게 알려야 합니다 (개인정보 보호법 제20조의2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>통지문 만들기…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>발송용 CSV 저장…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>모두 발송 기록</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>반송 기록…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>연도</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+31"/>
        <source>{year}년: 통지 의무가 적용되지 않습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{year}년: 통지함 — {label}, {n}명 (미기록 {pending}명).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{year}년: 아직 통지하지 않았습니다 (연내 통지).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+22"/>
        <source>재발행</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{year}년 통지는 이미 만들었습니다 ({label}). 재발행(제{n}차)으로 다시 만드시겠습니까?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>{year}년 개인정보 이용·제공 내역 통지서</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <source>내보내는 사유</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>문자·우편 발송 서비스에 보낼 파일을 만드는 사유를 적으십시오. 접속기록에 남습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>발송용 CSV 저장</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CSV 파일 (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>발송용 CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{label}: {n}명을 내보냈습니다: {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>발송 서비스에 올린 뒤 파일을 지우십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>발송 기록</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{label} 통지문 중 아직 기록이 없는 {n}건을 모두 발송한 것으로 기록하시겠습니까?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+26"/>
        <source>{label} 통지문 중 반송된 것의 차트번호 (여러 개는 쉼표로):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-1"/>
        <source>반송 기록</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NoticeSentDialog</name>
    <message>
        <location filename="../../privdesk/ui/requests/actions.py" line="+258"/>
        <source>정정 통지 발송 기록</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>기록</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>받는 곳</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>통지 방법</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>통지 방법을 입력하십시오.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NoticesBox</name>
    <message>
        <location filename="../../privdesk/ui/audit/integrity.py" line="+32"/>
        <source>읽었습니다</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NoticesTable</name>
    <message>
        <location filename="../../privdesk/ui/requests/parts.py" line="+6"/>
        <source>발송 안 함</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>발송함</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>제공받은 자</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>제공일</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>제공 항목</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>발송</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>방법</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>발송 일시</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>통지</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+30"/>
        <source>통지서 출력</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>발송 기록…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OneTimePasswordDialog</name>
    <message>
        <location filename="../../privdesk/ui/widgets.py" line="+272"/>
        <source>임시 비밀번호</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>계정 {login}의 임시 비밀번호입니다. 이 창을 닫으면 다시 볼 수 없습니다. 본인에게 직접 전달하십시오. 첫 로그인 때 새 비밀번호로 바꿔야 합니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>복사</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>닫기</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>복사됨</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OpenDialog</name>
    <message>
        <location filename="../../privdesk/ui/incidents/page.py" line="-559"/>
        <source>유출 사고 등록</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>부서·이름</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>예: 이름, 주민등록번호, 주소</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>외부로부터의 불법적인 접근(해킹 등)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>인지 일시 (한국 시간)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-23"/>
        <location line="+24"/>
        <source>발생 일시</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-28"/>
        <source>인지 일시</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>YYYY-MM-DD HH:MM — 모르면 비워 두십시오</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+23"/>
        <source>유형</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>최초 보고자</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>경위</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>유출 항목</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>최초 대응조치</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+27"/>
        <source>인지 일시: 언제 알게 되었는지 입력하십시오 (예: 2026-12-05 14:30).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-28"/>
        <source>개인정보파일</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>경위와 조치에는 주민등록번호·전화번호 같은 개인정보를 적지 마십시오. 기한은 인지 일시부터 72시간입니다.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PartlyDialog</name>
    <message>
        <location filename="../../privdesk/ui/requests/actions.py" line="-111"/>
        <source>일부 완료</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>열람하게 한 부분 — 예: 진료 접수 기록</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>처리한 부분 — 예: 연락처는 정정함</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>처리 결과 (필수)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>제한 사유</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>제한하는 부분과 그 사유 — 통지서에 그대로 적힙니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>처리한 부분을 처리 결과에 적으십시오.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <location filename="../../privdesk/ui/lifecycle/plans.py" line="+158"/>
        <source>파기 승인 — 비밀번호 확인</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>승인</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>취소</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PatientDetailPanel</name>
    <message>
        <location filename="../../privdesk/ui/registry/detail.py" line="+34"/>
        <source>활성 (보유 중)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>분리보관</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>파기</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <source>환자를 고르면 상세 정보가 여기에 표시됩니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>차트번호</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>이름</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>주민등록번호</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>생년월일·성별</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>주소</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>연락처</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>최초 내원일</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>최종 내원일</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>상태</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>보유기간 종료일</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>처리정지</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+29"/>
        <source>진료 접수 이력</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+24"/>
        <source>환자 상세</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{name} (차트번호 {chart})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source> · 외국인</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>보유기간 경과 — 파기 대상</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (파기 기한 {days}일 지남)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>예 — {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>아니오</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+1"/>
        <location line="+3"/>
        <location line="+1"/>
        <source>(없음)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>마스킹 해제됨 — {seconds}초 뒤 다시 가립니다</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PatientDialogs</name>
    <message>
        <location filename="../../privdesk/ui/registry/dialogs.py" line="-235"/>
        <source>취소</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+25"/>
        <source>목록에서 고르거나 직접 입력</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PatientFormDialog</name>
    <message>
        <location filename="../../privdesk/ui/registry/form.py" line="-335"/>
        <source>차트번호</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>이름</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>주민등록번호</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>주소</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>연락처</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>연락처 2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>연락처 3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>최초 내원일</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>최종 내원일</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+41"/>
        <source>환자 등록</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>환자 정보 수정</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>* 표시는 필수 항목입니다. 주민등록번호·주소·연락처는 암호화되어 저장되고 화면에는 가려서 표시됩니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>예: 00012345</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>예: 900101-1234567 (하이픈 없이도 됨)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>도로명 주소</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>예: 010-1234-5678</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>YYYY-MM-DD (비우면 오늘)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>YYYY-MM-DD (비우면 최초 내원일)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+29"/>
        <source>번호 검증 숫자가 맞지 않습니다. 2020년 10월 이후 발급 번호일 수 있습니다 — 그대로 저장</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+18"/>
        <source>등록</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>저장</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>취소</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+166"/>
        <source>저장된 최신 내용을 불러오는 중…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>최신 내용을 불러왔습니다. 바꿀 내용을 다시 입력한 뒤 저장하십시오.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PatientsModel</name>
    <message>
        <location filename="../../privdesk/ui/registry/model.py" line="-213"/>
        <source>남</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>여</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>전체 (이름순)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>초성</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+57"/>
        <source>이름</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-56"/>
        <location line="+55"/>
        <source>차트번호</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-54"/>
        <location line="+58"/>
        <source>주민등록번호</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-57"/>
        <source>전화번호</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>전화번호 끝 4자리</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+53"/>
        <source>생년월일</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-48"/>
        <source>이름·초성 검색의 결과는 이름순으로만 나옵니다. 다른 순서는 전체 목록이나 다른 검색에서 고르십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>암호화된 값이라 이 열로는 정렬할 수 없습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>환자 명부 전체를 이 열로 정렬할 색인이 없어 정렬할 수 없습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+44"/>
        <source>성별</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>연락처</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>최종 내원일</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>처리정지</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>정지</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PatientsPage</name>
    <message>
        <location filename="../../privdesk/ui/registry/page.py" line="+89"/>
        <source>환자 명부</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>이름·초성(ㅎㄱㄷ)·차트번호·주민등록번호·전화번호(끝 4자리)·생년월일(YYYY-MM-DD)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>신규 등록</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>가져오기…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>내보내기…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+51"/>
        <source>마스킹 해제</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>수정</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>접수 추가</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+128"/>
        <location line="+104"/>
        <source>처리정지 설정</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-224"/>
        <source>동의</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+43"/>
        <source>찾는 중…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>찾는 환자가 없습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{n}명 — 검색: {kind}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{n}명 표시 — 검색: {kind} — 아래로 내리면 더 읽습니다</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+43"/>
        <source>{name} (차트번호 {chart})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+22"/>
        <location line="+120"/>
        <location line="+7"/>
        <source>처리정지 해제</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-80"/>
        <source>신규 환자 {name} (차트번호 {chart}){eul} 등록했습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{name} (차트번호 {chart})의 변경을 저장했습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+51"/>
        <source>{name} (차트번호 {chart})의 처리를 정지합니다. 해제할 때까지 출력·내보내기·제3자 제공을 할 수 없습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>설정</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{name} (차트번호 {chart})의 처리정지를 해제합니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>해제하면 출력·내보내기·제3자 제공이 다시 가능해집니다. 정정 요구 처리가 끝났는지 확인하십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+22"/>
        <source>내보내기 완료</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>환자 {n}명을 내보냈습니다: {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>내보낸 파일도 개인정보입니다. 목적을 다하면 바로 파기하십시오.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PdfPreviewDialog</name>
    <message>
        <location filename="../../privdesk/ui/pdfpreview.py" line="+66"/>
        <source>미리보기 — {title}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>◀ 이전</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>다음 ▶</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>폭 맞춤</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>쪽 맞춤</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>인쇄…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>저장…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>닫기</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+18"/>
        <location line="+27"/>
        <source>PDF 파일을 열 수 없습니다: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+22"/>
        <source>{name} — {n}쪽</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+53"/>
        <source>인쇄</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+33"/>
        <source>프린터를 열 수 없습니다. 프린터 설정을 확인하십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+27"/>
        <source>{n}쪽을 인쇄했습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>PDF 저장</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PDF 파일 (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+18"/>
        <source>파일을 저장할 수 없습니다: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>저장했습니다: {path}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PeriodFilter</name>
    <message>
        <location filename="../../privdesk/ui/widgets.py" line="-212"/>
        <source>기간</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PermissionHistoryModel</name>
    <message>
        <location filename="../../privdesk/ui/accounts/permhistory.py" line="+46"/>
        <source>계정 생성·권한 부여</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>역할 변경</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>계정 잠금</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>잠금 해제</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>비밀번호 초기화</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>계정 말소</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>역할 권한 변경</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>일시</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>처리자</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>대상</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>변경</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>내용</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>사유</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+162"/>
        <source>전체 기간</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PermissionHistoryPage</name>
    <message>
        <location line="-140"/>
        <source>권한 변경 이력</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>계정</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>아이디 (비우면 전체)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>조회</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>인쇄/PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+46"/>
        <source>{n}건</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>출력 사유</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>권한 변경 이력을 PDF로 저장하는 사유를 적으십시오. 접속기록에 남습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>권한 변경 이력 PDF 저장</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PDF 파일 (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>PDF 저장</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>권한 변경 이력 {n}건을 {pages}쪽 PDF로 저장했습니다: {path}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlaceHoldDialog</name>
    <message>
        <location filename="../../privdesk/ui/lifecycle/holds.py" line="+22"/>
        <source>법적 보존 설정</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>보존을 설정한 기록은 보유기간이 지나도 파기 계획에서 제외됩니다 (소송·수사 등 증거 보전). 분리보관된 기록도 차트번호로 찾습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>예: C2019-00123</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>차트번호</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>예: 2026가단12345 손해배상 소송 증거 보전 (환자 성명 등 개인정보는 적지 마십시오)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>보존 사유</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>설정</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>취소</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+28"/>
        <source>보존할 환자의 차트번호를 입력하십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>보존 사유를 입력하십시오.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlansTab</name>
    <message>
        <location filename="../../privdesk/ui/lifecycle/plans.py" line="+151"/>
        <location line="+262"/>
        <source>파기 계획 작성</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-259"/>
        <source>승인</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+288"/>
        <location line="+5"/>
        <source>파기 실행</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-290"/>
        <location line="+308"/>
        <location line="+8"/>
        <source>계획 취소</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-313"/>
        <location line="+339"/>
        <source>파기 확인서</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-323"/>
        <location line="+76"/>
        <source>계획을 고르면 내용을 보여 줍니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-68"/>
        <source>파기 대상 기록 (파기 기한이 지난 기록 먼저, 이름은 가림)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>파기 제외 기록과 사유</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+39"/>
        <source>2인 승인: 적용 (두 번째 승인권자 필요)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>2인 승인: 적용 안 함</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>이 규칙은 보유기간 규칙 탭에서 개인정보 보호책임자가 사유와 함께 바꿉니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+31"/>
        <source>파기 계획 {n} ({state})
개인정보파일: {file}
파기 대상: {count}건, 파기 제외: {excluded}건
기준: {criteria}
사유: {reason}
방법: {method}
계획 해시: {hash}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+19"/>
        <source>파기 기한(보유기간 종료 후 {days}일)이 지난 기록 {n}건 — 목록 맨 위에 있습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+49"/>
        <source>1차 승인: {who} ({at})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>2차 승인: {who} ({at})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>취소됨: {who} ({at})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source> — 사유: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>취소됨</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>2인 승인 규칙: 첫 승인자와 다른 승인권자의 두 번째 승인이 필요합니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>승인 전입니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (2인 승인 규칙 적용: 승인권자 두 명이 필요합니다.)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>파기 실행: {who} ({at}), {n}건</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+29"/>
        <source>파기 대상 기록과 파기 제외 기록을 불러오는 중입니다. 목록을 확인한 뒤 승인하십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>파기 계획 {n}을 작성했습니다: 파기 대상 {count}건, 파기 제외 {excluded}건. 목록을 검토한 뒤 승인하십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+31"/>
        <source>파기 계획 {n}의 기록 {count}건을 운영 DB와 분리보관 DB에서 삭제합니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>삭제한 기록은 복구할 수 없습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <source>파기 계획 {n} (파기 대상 {count}건)을 취소합니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>취소한 계획은 다시 승인하거나 실행할 수 없습니다. 기록은 삭제되지 않으며, 필요하면 새 계획을 작성합니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>돌아가기</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>계획 취소 — 사유</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>파기 계획 {n}을 취소하는 사유를 적으십시오 (접속기록에 남습니다).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-57"/>
        <source>파기 계획 {n} ({count}건)을 승인합니다. 본인 확인을 위해 비밀번호를 다시 입력하십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+26"/>
        <source>파기 계획 {n}: {count}건을 파기했습니다 (관리대장 {ledger}번).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>작성 후 보존 조치된 {k}건은 제외했습니다.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PolicyPage</name>
    <message>
        <location filename="../../privdesk/ui/policy/page.py" line="+60"/>
        <source>수탁업체</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CCTV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>보유기간·항목</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>연락처</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>머리말</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>수집 항목 안내</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>이용목적 안내</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>파기방법</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>제3자 제공 안내</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>위탁 안내</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>권리 행사 안내</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>자동수집 장치</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>민원서비스 안내</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>안전성 확보조치</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CCTV 방침 안내</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>영상정보 보호조치</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>변경 공지</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>추가</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>삭제</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>변경</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>같음</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>제{n}판</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>초안 {id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>현재 자료</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+44"/>
        <source>{old} → {new}: 바뀐 절 {n}개 / 전체 {total}개</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>두 판의 내용이 같습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+31"/>
        <source>게시</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>초안</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+96"/>
        <location line="+33"/>
        <location line="+180"/>
        <source>개인정보 처리방침</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-179"/>
        <location line="+178"/>
        <source>영상정보처리기기 운영·관리 방침</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-174"/>
        <source>HTML로 저장…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PDF 미리보기</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>판 목록</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>수탁업체·CCTV·보유기간·연락처 등은 privdesk의 자료에서 그대로 만들어집니다. 아래 문구만 고칠 수 있습니다 ({name}은 병원 이름으로 바뀝니다; &apos;## &apos;는 소제목, &apos;- &apos;는 항목).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+28"/>
        <source>현재 자료로 초안 저장</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>초안 편집</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>이전 판</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>새 판</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>비교</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>게시…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>비교·게시</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+21"/>
        <source>게시된 개인정보 처리방침이 없습니다. 초안을 만들고 비교한 뒤 게시하십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>게시본({label}, 시행일 {date})이 현재 자료와 같습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>게시본({label}, 시행일 {date})이 현재 자료와 다릅니다. 새 초안을 만들어 비교하고 게시하십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>[{what}] 해당 절: {sections}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+22"/>
        <source>최신 게시본</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>최신 초안 (없으면 현재 자료)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>게시는 개인정보 보호책임자(게시 권한)만 할 수 있습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>게시할 초안이 없습니다. 먼저 초안을 저장하십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{draft}{eul} 게시합니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+50"/>
        <source>{title} {label}{eul} 저장했습니다: {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+44"/>
        <source>{draft}{eul} 저장했습니다 (바꾼 문구 {n}개). 비교·게시 탭에서 확인하십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-79"/>
        <source>저장할 판: 제{n}판</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>저장할 판: 최신 게시본({label})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>저장할 판: 현재 자료로 만든 초안 (게시본 없음)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>홈페이지용 HTML 저장</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>HTML 파일 (*.html)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+106"/>
        <source>게시 완료</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>개인정보 처리방침 제{n}판을 게시했습니다 (시행일 {date}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>판 목록 탭에서 홈페이지용 HTML을 저장하십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>제{n}판을 게시했습니다 (시행일 {date}).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PolicyVersionsModel</name>
    <message>
        <location line="-433"/>
        <source>판</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>상태</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>시행일</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>게시자(초안: 작성자)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>게시·작성 일시</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProcessorChangesModel</name>
    <message>
        <location filename="../../privdesk/ui/disclosures/processors.py" line="+225"/>
        <source>등록</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>변경</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>위탁 종료</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>재개</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>계약서 점검</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>재위탁 등록</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>재위탁 종료</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>반환·파기 확인</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>일시</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>변경자</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>구분</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>내용</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>사유</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProcessorDialog</name>
    <message>
        <location line="-103"/>
        <source>수탁업체 수정 — {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>수탁업체 추가</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>업체 담당자·연락처</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>점검·교육 내용 (법 제26조제4항)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>수탁업체명</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>위탁업무 내용</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>보유기간</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>계약 시작일</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>계약 종료일</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>담당자·연락처</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>최근 점검·교육일</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>점검·교육 내용</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>사유 (필수)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>저장</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>취소</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>사유를 입력하십시오. 수탁업체 변경 이력에 남습니다.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProcessorHistoryDialog</name>
    <message>
        <location line="+63"/>
        <source>수탁업체 변경 이력 — {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>닫기</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProcessorsModel</name>
    <message>
        <location line="-210"/>
        <source>■ 반환·파기 미확인</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>위탁 종료</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>■ 계약 만료</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>⚠ 종료 임박 (D-{n})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>상태</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>수탁업체명</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>위탁업무 내용</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>보유기간</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>계약 시작일</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>계약 종료일</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>담당자·연락처</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>최근 점검·교육일</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>계약서 필수 기재사항</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>재위탁</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>최종 변경</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProcessorsPage</name>
    <message>
        <location line="+199"/>
        <source>수탁업체 (개인정보 처리업무 위탁)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>계약 종료일이 {days}일 이내인 업체는 노란색과 &apos;종료 임박&apos; 표시로, 계약이 끝난 업체는 빨간색과 &apos;계약 만료&apos; 표시로 나타납니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>추가</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>수정</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>변경 이력</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+104"/>
        <location line="+61"/>
        <source>위탁 종료</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-163"/>
        <source>계약 관리</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>위탁 종료 업체도 표시</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>목록 출력</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+30"/>
        <source>다른 사용자가 변경함</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>다른 사용자가 먼저 이 수탁업체를 변경했습니다. 최신 내용을 다시 불러왔으니 확인한 뒤 다시 하십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+38"/>
        <source>위탁 중 {n}곳 — 계약 종료 임박 {soon}곳, 계약 만료 {ended}곳, 반환·파기 미확인 {open}곳</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+24"/>
        <location line="+72"/>
        <source>위탁 재개</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-8"/>
        <source>{name}{wa}의 위탁을 종료합니다. 처리방침의 수탁업체 목록에서 빠지고 변경 이력은 남습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{name}{wa}의 위탁을 다시 시작합니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+50"/>
        <source>수탁업체 현황</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProfileDialog</name>
    <message>
        <location filename="../../privdesk/ui/accounts/me.py" line="+54"/>
        <source>내 정보</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>계정</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>역할</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>할 수 있는 일</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>이번 로그인</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>지난 로그인</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>작업 PC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>비밀번호</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>비밀번호 변경…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>이 프로그램에서 개인정보를 조회·변경·출력할 때마다 접속기록에 남습니다. 자리를 비울 때는 로그아웃하십시오. 입력이 없으면 화면이 자동으로 잠깁니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>닫기</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+21"/>
        <location line="+3"/>
        <source>없음</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>없음 (첫 로그인)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{days}일 뒤 만료됩니다. 미리 변경하십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>사용 중</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProgressPage</name>
    <message>
        <location filename="../../privdesk/ui/registry/import_wizard.py" line="+15"/>
        <source>3. 가져오는 중</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>행마다 검증하고 암호화해 저장합니다. 취소하면 진행 중인 묶음은 저장되지 않습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>가져오기 취소</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>시작하는 중…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{done} / {total}행 처리</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProvisionDialog</name>
    <message>
        <location filename="../../privdesk/ui/cctv/decisions.py" line="+34"/>
        <source>제3자 제공 기록</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>기록</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>예: 관악경찰서 형사과</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>수사기관 공문 번호</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <source>제공받는 자의 이용 기간 (예: 수사 종결 시까지)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>제공받는 자</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>공문 번호</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>법적 근거</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>제공 목적</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>제공 형태</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>카메라</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>영상 기간</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>이용 기간</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>입회자</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>제공받는 자를 입력하십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>제공 목적을 입력하십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>제공의 법적 근거를 입력하십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>제공할 영상의 카메라를 고르십시오.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PublishDialog</name>
    <message>
        <location filename="../../privdesk/ui/policy/page.py" line="+12"/>
        <source>개인정보 처리방침 게시</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>시행일</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+21"/>
        <source>게시</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>취소</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{draft}{eul} 제{n}판으로 게시합니다. 시행일: {date}. 게시한 판은 고치거나 지울 수 없습니다. 게시하시겠습니까?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QuickEntry</name>
    <message>
        <location filename="../../privdesk/ui/cctv/ledger.py" line="-290"/>
        <source>열람 목적 (예: 분실물 확인)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>입회자 (선택)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-14"/>
        <source>빠른 기록 — 내부 열람 (Enter: 내용 확인 후 기록)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>기록…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>카메라</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>영상 시작</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>영상 끝</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>목적</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>입회자</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+50"/>
        <source>기록했습니다: {n}번 {camera} {window}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <location filename="../../privdesk/ui/widgets.py" line="+62"/>
        <source>최근 사유 (고르면 아래에 채워집니다)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>사유 (필수)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>사유 (선택)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>확인</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>취소</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReceiveDialog</name>
    <message>
        <location filename="../../privdesk/ui/complaints/page.py" line="-163"/>
        <source>무엇에 관한 신고·상담인지 (개인정보는 적지 마십시오)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>환자이면 차트번호</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>환자가 아니면 성명</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>전화번호 또는 전자우편</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>구분</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>접수 방법</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>접수 일시 (한국 시간)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>요지</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>차트번호</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>성명</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>연락처</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>내용</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>환자이면 차트번호만 입력하십시오. 환자가 아니면 성명과 연락처를 입력하십시오(암호화하여 저장합니다). 답변 기한은 접수일부터 {days}일입니다.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecordPager</name>
    <message>
        <location filename="../../privdesk/ui/lifecycle/plans.py" line="-506"/>
        <source>이전</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>다음</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>없음</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{first}–{last} / {total}건</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecoveryCodeDialog</name>
    <message>
        <location filename="../../privdesk/ui/audit/integrity.py" line="+37"/>
        <source>보호책임자 복구 코드</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>개인정보 보호책임자 계정을 복구할 때(&apos;privdesk user recover&apos;) 필요한 코드입니다. 한 번만 보여 드립니다. 종이에 적어 금고에 보관하십시오. 키 파일과 데이터베이스만으로는 복구할 수 없습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>코드를 적어 두었습니다</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>닫기</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RefuseDialog</name>
    <message>
        <location filename="../../privdesk/ui/cctv/decisions.py" line="-186"/>
        <source>거절 — {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../privdesk/ui/requests/actions.py" line="-47"/>
        <source>거절</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>— 거절 사유를 고르십시오 —</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>요청한 기간의 영상이 보관 중이므로 이 사유는 쓸 수 없습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>결과 통지서에 그대로 적힙니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../privdesk/ui/requests/actions.py" line="+1"/>
        <source>거절 사유</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>근거</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>설명 (필수)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+24"/>
        <location filename="../../privdesk/ui/requests/actions.py" line="+7"/>
        <source>거절 사유 설명을 입력하십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-1"/>
        <location filename="../../privdesk/ui/requests/actions.py" line="-2"/>
        <source>거절 사유를 목록에서 고르십시오.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RemoveDialog</name>
    <message>
        <location filename="../../privdesk/ui/incidents/page.py" line="+204"/>
        <source>잘못 추가한 정보주체 제외 — {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>한 줄에 차트번호 하나</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>예: 수신처 확인 결과 명단에 없던 환자</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>차트번호</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>제외 사유</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RequestCorrectionDialog</name>
    <message>
        <location filename="../../privdesk/ui/requests/parts.py" line="+35"/>
        <source>환자 정보 정정 — {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>요구 내용: {text}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>요구한 대로 고친 뒤 &apos;정정 완료&apos;를 누르십시오. 고친 항목이 이 요구에 연결되어 기록되고, 이 기록을 제공받은 곳마다 정정 통지가 만들어지며, 처리정지가 풀립니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>요구한 것 중 일부만 정정함 (나머지는 사유를 들어 정정하지 않음)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>— 사유를 고르십시오 —</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>정정하지 않은 부분과 그 사유 — 결과 통지서에 그대로 적힙니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>정정 완료</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>정정하지 않은 부분의 사유를 목록에서 고르십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>정정하지 않은 부분과 그 사유를 적으십시오.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RequestDetailBase</name>
    <message>
        <location filename="../../privdesk/ui/workflow.py" line="+120"/>
        <source>일시</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>처리자</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>상태</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>메모</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+51"/>
        <source>연락처 보기</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>보기</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+70"/>
        <source>처리 이력</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>처리:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>닫기</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>상태: {state} · 처리 기한 {due} ({left})</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RequestDetailDialog</name>
    <message>
        <location filename="../../privdesk/ui/cctv/request.py" line="+136"/>
        <source>열람등 청구</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>청구인</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../privdesk/ui/requests/detail.py" line="+150"/>
        <source>연락처</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>관계</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../privdesk/ui/requests/detail.py" line="+1"/>
        <source>신분 확인</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../privdesk/ui/requests/detail.py" line="+1"/>
        <source>접수</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-56"/>
        <location line="+15"/>
        <location line="+42"/>
        <source>카메라</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>영상 기간</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>청구 목적</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../privdesk/ui/requests/detail.py" line="+1"/>
        <source>처리 기한</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>결정</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>열람 대상 판단</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>열람 일정</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>타인 마스킹</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../privdesk/ui/requests/detail.py" line="+5"/>
        <source>거절·제한 사유</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+141"/>
        <location line="+93"/>
        <source>종결</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-199"/>
        <source>연락처 보기…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-100"/>
        <source>날짜</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>영상</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>보존 사유</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>기간</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>종료</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>상태</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+54"/>
        <source>영상 현황</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>보존 연장</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>마스킹 기록</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>제3자 제공 기록</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>청구서 출력</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>결과 통지서 출력</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+41"/>
        <source>열람등 청구 {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{number} — {kind} 청구</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>영상 없음: 보관기간이 지나 파기됨</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source> — 정보주체 {name}, 위임·대리 서류 {checked}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../privdesk/ui/requests/detail.py" line="+85"/>
        <source>확인함</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../privdesk/ui/requests/detail.py" line="+0"/>
        <source>확인 안 함</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <location filename="../../privdesk/ui/requests/detail.py" line="+4"/>
        <source>{doc} (확인: {by})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../../privdesk/ui/requests/detail.py" line="+37"/>
        <source>{at} ({by})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{due} → 연장 {until} ({reason})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{decision} ({at}, {by})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>완료 — {by}, {at}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>필요 — 아직 처리 안 함</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{at} ({by}) {note}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+19"/>
        <source>승인</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>일부 승인</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../privdesk/ui/requests/detail.py" line="+77"/>
        <source>거절</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>기한 연장</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../privdesk/ui/requests/detail.py" line="-3"/>
        <source>완료</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+99"/>
        <source>철회</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-94"/>
        <source>종결된 청구</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+88"/>
        <source>거절 통지를 보냈으면 청구를 종결합니다. 자동 보존 연장도 끝납니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>청구인이 청구를 철회했습니다. 철회 사유를 적으십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+44"/>
        <source>제3자 제공</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>제3자 제공을 기록했습니다. 관리대장에 &apos;제공&apos;으로 남습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>청구인의 전체 연락처·주소를 봅니다. 접속기록에 사유와 함께 남습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../privdesk/ui/requests/detail.py" line="+192"/>
        <source>보기</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../privdesk/ui/cctv/request.py" line="+8"/>
        <source>전화: {phone}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>생년월일: {birth}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>주소: {address}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>개인영상정보 열람·존재확인 청구서</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>결과 통지서</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../privdesk/ui/requests/detail.py" line="-418"/>
        <source>정보주체 요구</source>
        <extracomment>what a step of a request changes: the request, and the registry record it holds or corrects</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>개인정보파일</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>정보주체</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>요구인</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>열람할 사항</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>요구 내용·사유</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>처리 결과</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>열람</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>종결 일시</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>열람 답변 보기</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>통지서 출력</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+51"/>
        <source>정보주체 요구 {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{number} — {kind} 요구</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source> (환자 명부)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source> · 만 14세 미만</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{name} — {relation}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>, 위임·대리 서류 {checked}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>본인 확인 {at}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>본인 확인 전</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{at} · {channel} ({by})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>개인정보 침해 신고 {numbers}에서 접수</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{due} → 연장 {until} (사유: {reason})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{at} · {place} · {method} · 수수료 {fee}원</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+53"/>
        <source>환자 기록이 처리정지 중입니다: 이 요구를 마칠 때까지 출력·내보내기·제3자 제공을 할 수 없습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>결과 통지서에 사유와 이의제기 방법이 적힙니다. 출력해 요구인에게 보내십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>정정 통지 {n}곳 중 {unsent}곳에 아직 보내지 않았습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>정정 통지 {n}곳에 모두 보냈습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>본인 확인</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>처리 시작</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>열람 완료</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>일부 완료</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>분리보관으로 답변</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>취하</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-63"/>
        <location line="+71"/>
        <source>본인 확인을 먼저 기록하십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-38"/>
        <source>열람을 연기했습니다. 열람 연기 통지서를 출력해 요구인에게 보내십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+23"/>
        <source>열람 연기</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>환자 정보 정정…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>종결된 요구</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>정정 통지 ({n})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+102"/>
        <source>요구인과 정보주체의 전체 연락처·생년월일·주소를 봅니다. 접속기록에 사유와 함께 남고, 잠시 뒤 다시 가려집니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+60"/>
        <source>열람 답변 전체 보기</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>가린 주민등록번호·주소·연락처를 봅니다. 접속기록에 사유와 함께 남고, 잠시 뒤 다시 가려집니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+50"/>
        <source>출력할 통지서가 없습니다</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+36"/>
        <source>정정 통지서 — {recipient}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RequestDialog</name>
    <message>
        <location filename="../../privdesk/ui/complaints/page.py" line="+76"/>
        <source>요구인 성명 (신분증과 같게)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>요구 구분</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>개인정보파일</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>요구인 (본인)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>생년월일</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>연락처</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>신분 확인 서류</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>요구 내용</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>신고인 본인의 요구로 접수합니다. 대리인·법정대리인의 요구는 정보주체 요구 화면에서 접수하십시오.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RequestInbox</name>
    <message>
        <location filename="../../privdesk/ui/workflow.py" line="+47"/>
        <source>처리 중 {n}건 — 기한 지남 {overdue}건, 기한 임박 {soon}건</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Requests</name>
    <message>
        <location filename="../../privdesk/ui/requests/actions.py" line="-332"/>
        <source>통지서에 그대로 적힙니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+40"/>
        <source>취소</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+50"/>
        <source> 원</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>열람 일시</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>열람 장소</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>열람 방법</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>수수료·우송료</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>열람 장소를 입력하십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+181"/>
        <source>— 사유를 고르십시오 —</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>통지서에 그대로 적힙니다. 무엇을 왜 할 수 없는지 구체적으로 적으십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>근거</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>설명 (필수)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>이의제기 방법</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>사유를 목록에서 고르십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>사유 설명을 입력하십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../privdesk/ui/requests/common.py" line="+38"/>
        <source>열람</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>정정</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>삭제</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>처리정지</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>동의철회·회원탈퇴</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>접수</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>본인 확인</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>처리 중</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>기간 연장</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>완료</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>일부 완료</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>거절</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>취하</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>본인</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>법정대리인</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>대리인</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>방문</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>우편</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>전화</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>전자우편</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>홈페이지</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>개인정보의 항목 및 내용</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>개인정보의 수집·이용의 목적</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>개인정보 보유 및 이용 기간</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>개인정보의 제3자 제공 현황</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>개인정보 처리에 동의한 사실 및 내용</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+19"/>
        <source>종결</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{n}일 지남 (기한 초과)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>오늘 마감 (임박)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{n}일 남음 (임박)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n}일 남음</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>다른 사용자가 변경함</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>최신 내용을 다시 불러왔습니다. 확인한 뒤 다시 하십시오.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RequestsModel</name>
    <message>
        <location filename="../../privdesk/ui/requests/page.py" line="+64"/>
        <source>처리정지 중</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>접수번호</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>구분</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>정보주체</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>요구인</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>접수일</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>기한</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>남은 날</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>상태</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RequestsPage</name>
    <message>
        <location line="+16"/>
        <source>정보주체 요구</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>열람·정정·삭제·처리정지·동의철회 요구를 접수일부터 {days}일 안에 처리하거나 통지합니다. 열람만 정당한 사유가 있을 때 연기 통지서를 보내고 연기할 수 있으며, 정정·삭제·처리정지는 기한 안에 일부 완료나 거절로 답합니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>요구 접수…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>열기</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>빈 위임장 출력</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>대리인이 요구할 때 정보주체가 써 주는 위임장 [별지 제11호서식]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>보기</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>처리 중인 요구</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>전체 (종결 포함)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+25"/>
        <source>위임장</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+72"/>
        <source>{number} {kind} 요구를 접수했습니다. 처리 기한 {due}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>환자 기록에 처리정지를 걸었습니다: 요구를 처리할 때까지 출력·내보내기·제3자 제공을 할 수 없습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>정보주체가 만 14세 미만입니다(법정대리인 요구).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReviewAccountsModel</name>
    <message>
        <location filename="../../privdesk/ui/review/page.py" line="+103"/>
        <source>이름(ID)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>부서</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>기록 수</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>조회</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>마스킹 해제</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>내보내기</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>출력</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>로그인 실패</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>업무시간 외</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>위험도</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>지난달 대비</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>부서 중앙값</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+21"/>
        <source>발견 사항 없음</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReviewDialogs</name>
    <message>
        <location filename="../../privdesk/ui/review/dialogs.py" line="+110"/>
        <source>저장</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>취소</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+67"/>
        <location line="+307"/>
        <source>종류</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-305"/>
        <location line="+227"/>
        <source>계정</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-224"/>
        <location line="+303"/>
        <source>내용</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-302"/>
        <source>규칙·기준</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>건수</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>사유</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>(기록된 사유 없음)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+26"/>
        <location line="+19"/>
        <source>정상 처리</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-19"/>
        <source>조치 필요</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>예: 야간 당직 근무 중 응급 환자 조회로 확인</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>예: 해당 직원 면담, 권한 축소</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>정상으로 판단한 근거</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>취한 조치</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>조치 필요로 기록</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>메모(필수)는 점검 결과에 남습니다. 개인정보는 적지 마십시오. Shift+Enter로 줄을 바꿉니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>메모를 입력하십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+11"/>
        <source>소명 요청</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-6"/>
        <source>예: 11월 14일 새벽에 조회한 사유를 적어 주십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>받는 사람</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+27"/>
        <location line="+187"/>
        <source>요청 내용</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-211"/>
        <source>기한은 오늘부터 {days}일입니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>기한은 설정된 소명 기한(기본 7일)입니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>받는 사람의 첫 화면에 요청이 나타나고, 본인이 직접 답변합니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>요청 내용을 입력하십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+181"/>
        <source>{due} (기한 경과)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-179"/>
        <location line="+187"/>
        <source>요청</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-185"/>
        <source>기한</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>상태</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+190"/>
        <source>답변</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-187"/>
        <source>답변 내용</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>판단</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+26"/>
        <source>판단 메모</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-11"/>
        <source>소명 수용</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>소명 반려</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>예: 당직 기록과 일치함</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>예: 업무상 필요가 확인되지 않음 — 교육 실시</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>수용</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>반려</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>수용하면 이 발견 사항의 결과는 &apos;정상&apos;이 됩니다. 메모(선택)는 점검 결과에 남습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>반려하면 이 발견 사항의 결과는 &apos;조치 필요&apos;가 되고 메모가 조치 내용으로 남습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>반려하는 이유와 조치를 입력하십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+23"/>
        <source>점검 완료 서명 — {month}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>기간</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>접속기록</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n}건</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{n}개</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>발견 사항</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n}건 — 정상 {normal}건, 조치 필요 {action}건</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>남은 일: 결과 미기록 {a}건, 답변 대기 소명 {b}건, 판단 대기 소명 {c}건</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>비밀번호 다시 입력</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>서명</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>서명하면 발견 사항, 결과, 점검자, 시각과 그 순간의 접속기록 끝(순번·해시)이 변경할 수 없게 기록되고, 이 달은 더 고칠 수 없습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>비밀번호를 입력하십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+27"/>
        <source>소명 답변 — {month}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>답변 기한</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>무슨 업무로 조회·출력했는지 직접 적어 주십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>답변 보내기</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>답변은 점검자에게 전달되고 점검 결과에 남습니다. 주민등록번호·전화번호 같은 개인정보는 적지 마십시오. Shift+Enter로 줄을 바꿉니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>닫기</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>이미 답변했습니다({state}). 점검자의 판단을 기다립니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>답변을 입력하십시오.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReviewEntriesModel</name>
    <message>
        <location filename="../../privdesk/ui/review/page.py" line="+89"/>
        <source>번호</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>일시</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>수행업무</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>대상</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>상세</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReviewFindingsModel</name>
    <message>
        <location line="-76"/>
        <source>미처리</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{state} (기한 경과)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>사유 없음</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>종류</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>계정</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>내용</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>규칙·기준</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>건수</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>사유</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>결과</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>소명 상태</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <location line="+64"/>
        <source>접속기록 점검</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>개인정보처리시스템의 접속기록을 월 1회 이상 점검하고, 개인정보를 다운로드한 경우 그 사유를 확인합니다(안전성 확보조치 기준 제8조②). 발견 사항마다 결과를 기록하고, 필요하면 당사자에게 소명을 요청한 뒤 서명하여 점검을 마칩니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>점검 월</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>점검 실행</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>점검 완료 서명…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>결과 출력…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+19"/>
        <source>정상 처리…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>조치 필요…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>소명 요청…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>소명 수용…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>소명 반려…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+22"/>
        <source>발견 사항</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <source>계정별 요약</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+49"/>
        <source>{month} 접속기록을 점검하는 중…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>점검을 마쳤습니다: 발견 사항 {n}건.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+29"/>
        <source>발견 사항 ({n})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>계정별 요약 ({n})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>점검 기준: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+43"/>
        <source>발견 사항을 고르면 근거가 된 접속기록과 내용이 여기에 나옵니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+58"/>
        <source>서명했습니다. 이 달의 점검이 끝났습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>접속기록 점검 결과 {month}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+22"/>
        <source> (순번 {first}–{last})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{month}: 접속기록 {entries}건{span}, 계정 {accounts}개, 발견 사항 {findings}건 (결과 미기록 {open}건, 소명 답변 대기 {unanswered}건, 판단 대기 {undecided}건)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>서명 전</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>서명됨</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{month}: 아직 점검하지 않았습니다. &apos;점검 실행&apos;을 누르십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{who}, {at} — 서명 때 접속기록 끝: {seq}번 · {hash}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+23"/>
        <source>계정</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>규칙·기준</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>건수</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>가중치</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>기록된 사유</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>결과</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>메모</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>기록</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>점검 결과</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>소명</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RoleChecks</name>
    <message>
        <location filename="../../privdesk/ui/accounts/dialogs.py" line="-80"/>
        <source>역할</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RolesDialog</name>
    <message>
        <location line="+108"/>
        <source>역할 변경</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{name} ({login})의 역할</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>사유 (필수) — 권한 변경 이력에 남습니다</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>변경</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>취소</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>역할을 하나 이상 고르십시오. 사용을 멈추려면 잠금이나 계정 말소를 쓰십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>역할을 바꾸는 사유를 입력하십시오.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RotationJob</name>
    <message>
        <location filename="../../privdesk/ui/backup/keys.py" line="-128"/>
        <source>키를 교체하는 중…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>취소</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+44"/>
        <source>키 교체</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-42"/>
        <source>취소하는 중: 바꾼 행을 원래 키로 되돌립니다…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+27"/>
        <source>되돌리는 중</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>다시 암호화하는 중</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{verb}: {what} — {done}/{total}행</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RuleDialog</name>
    <message>
        <location filename="../../privdesk/ui/lifecycle/rules.py" line="+15"/>
        <source>보유기간 규칙 변경 — {file}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>항목: {items}
목적: {purpose}
법적 근거: {basis}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <source>환자 명부는 최종 내원일 기준으로만 보관합니다 (의료법 시행규칙 제15조).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>보유기간 기준</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>법정 보존기간</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{label} {years}년 ({basis})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>직접 입력</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>년</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+23"/>
        <source>일</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-21"/>
        <source>기간 없음: 목적을 달성하면 파기합니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>보유기간</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>예: 최종 내원일로부터 5년 (의료법 시행규칙 제15조 환자 명부)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>보유기간 설명</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>이 기간 동안 내원이 없으면 목적을 달성한 것으로 보고 분리보관합니다 (법령에 정한 기준이 없어 병원이 정합니다).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>분리보관 기준 (미내원 일수)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>저장</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>취소</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RulesTab</name>
    <message>
        <location line="+111"/>
        <source>개인정보 처리방침의 개인정보파일과 보유기간입니다. 기간을 바꾸면 그 뒤에 계산하는 보유기간 종료일부터 적용됩니다. 바꿀 때마다 접속기록에 남습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>규칙 변경</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>읽기 전용: 규칙은 개인정보 보호책임자가 바꿉니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+32"/>
        <source>2인 승인 변경</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+32"/>
        <source>2인 승인 끄기…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>2인 승인 켜기…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>파기 승인 2인 승인 규칙: 적용 — 파기 계획마다 서로 다른 승인권자 두 명이 승인합니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>파기 승인 2인 승인 규칙: 적용 안 함 — 승인권자 한 명의 승인으로 실행합니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>마지막 변경: {who} ({at})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>사유: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>2인 승인 켜기</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>2인 승인 끄기</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>모든 파기 계획에 두 번째 승인권자의 승인이 필요해집니다. 바꾸는 사유를 적으십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>파기 계획을 승인권자 한 명이 승인할 수 있게 됩니다. 바꾸는 사유를 적으십시오 (접속기록에 남습니다).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+18"/>
        <source>파일을 고르면 내용을 보여 줍니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{file}
항목: {items}
목적: {purpose}
법적 근거: {basis}
보유기간: {rule}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>분리보관: 최종 내원 후 {days}일 동안 내원이 없으면 분리보관</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>마지막 수정: {who} ({at})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+23"/>
        <source>보유기간 규칙 변경 — 사유</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&apos;{file}&apos;의 보유기간 규칙을 바꾸는 사유를 적으십시오 (변경과 함께 기록됩니다).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+18"/>
        <source>보유기간 규칙 변경</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>다른 사용자가 먼저 &apos;{file}&apos;의 규칙을 바꾸었습니다. 저장하지 않았습니다. 최신 규칙을 다시 불러왔으니 확인한 뒤 다시 바꾸십시오.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SentDialog</name>
    <message>
        <location filename="../../privdesk/ui/incidents/page.py" line="-83"/>
        <source>보낸 통지·신고 기록 — {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>보낸 일시</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>의무</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>방법·기관</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>통지한 인원</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>보낸 일시 (한국 시간)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>메모</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+18"/>
        <source>보낸 일시: 언제 보냈는지 입력하십시오 (예: 2026-12-05 14:30).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SeparatedTab</name>
    <message>
        <location filename="../../privdesk/ui/lifecycle/page.py" line="+18"/>
        <source>목적이 달성되었으나 법령에 따라 보관하는 기록입니다. 조회할 때마다 접속기록에 남습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>차트번호</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>조회</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>분리보관 해제(재내원)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+23"/>
        <location line="+5"/>
        <source>분리보관 해제</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-5"/>
        <source>해제할 기록을 표에서 고르십시오.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>차트번호 {chart} 기록을 환자 명부로 되돌립니다. 사유를 입력하십시오 (예: 재내원).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SeparationDialog</name>
    <message>
        <location filename="../../privdesk/ui/requests/actions.py" line="+87"/>
        <location line="+1"/>
        <source>분리보관으로 답변</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>환자 명부는 의료법(시행규칙 제15조)에 따라 보존해야 하므로 삭제할 수 없습니다. 이 기록을 별도 저장소로 옮겨 법정 보존기간 동안만 보관하고 그 밖의 용도로 이용하지 않으며, 보존기간이 끝나면 파기합니다. 요구는 &apos;일부 완료&apos;로 끝납니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>통지서에 적힙니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>설명 (필수)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>이의제기 방법</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>설명을 입력하십시오.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SessionDialog</name>
    <message>
        <location filename="../../privdesk/ui/training/page.py" line="-52"/>
        <source>예: 2026년 개인정보 보호 정기 교육</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>내부</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>외부</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>시간 (예: 1.5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>교재·자료 (파일명, 문서번호)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+7"/>
        <source>강사</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-15"/>
        <location line="+10"/>
        <source>교육일</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>제목</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>구분</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>시간</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>교재·자료</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <location filename="../../privdesk/ui/shortcuts.py" line="+50"/>
        <source>현재 화면의 검색·필터 칸으로 이동</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>현재 화면을 새로 읽기</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>새로 등록 (환자, 정보주체 요구, CCTV 열람 요구, 제공 기록, 사고, 신고, 계정 …)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>선택한 기록 또는 화면의 대장 출력 (출력 사유를 묻습니다)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>왼쪽 목록의 1~9번째 화면으로 이동</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>화면 잠금</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>사용 설명서 열기</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>대화상자: 기본 단추 (확인·저장)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>대화상자: 취소 (아무것도 바꾸지 않고 닫기)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>다음 입력 칸 (Shift+Tab: 이전 칸)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../../privdesk/ui/help.py" line="+123"/>
        <source>단축키</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>키</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>하는 일</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message>
        <location filename="../../privdesk/ui/registry/import_wizard.py" line="+10"/>
        <source>4. 결과</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>가져옴</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>거부 (오류)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>이미 등록되어 건너뜀</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>검증번호 경고 (가져옴)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>거부된 행 파일 열기</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>가져오지 못했습니다: {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>취소했습니다. 아래 건수까지만 저장되었고, 진행 중이던 묶음은 저장되지 않았습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>가져오기를 마쳤습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>거부된 행과 사유: {path}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TableKit</name>
    <message>
        <location filename="../../privdesk/ui/tablemodel.py" line="+54"/>
        <source>이 표는 서버에서 정해진 순서로 나누어 읽습니다. 이 열로는 정렬할 수 없습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../privdesk/ui/tables.py" line="+157"/>
        <source>열 너비·순서 처음대로</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TodayPage</name>
    <message>
        <location filename="../../privdesk/ui/today.py" line="+106"/>
        <source>오늘 할 일</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+19"/>
        <source>할 일이 없습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+28"/>
        <source>불러오는 중…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+46"/>
        <source>오늘 할 일을 불러오지 못했습니다: {error}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrainingForm</name>
    <message>
        <location filename="../../privdesk/ui/training/page.py" line="-58"/>
        <source>저장</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>취소</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+40"/>
        <source>교육 등록</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+42"/>
        <source>교육 회차 {n}번 정정</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+34"/>
        <source>이수 기록 취소</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+50"/>
        <source>이수 기록</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrainingOverdueModel</name>
    <message>
        <location line="-215"/>
        <source>이름(ID)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>부서</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>마지막 이수</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>이수 기록 없음</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>기한</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>지난 일수</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n}일</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrainingPage</name>
    <message>
        <location line="+260"/>
        <source>개인정보 보호 교육</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>개인정보를 처리하는 직원의 정기 교육(개인정보 보호법 제28조)입니다. 교육 회차와 이수자를 기록하면, 교육 주기가 지난 직원이 아래와 오늘 할 일에 나옵니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>교육 등록…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>이수 기록…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>정정…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>이수 취소…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>결과 보고서 출력…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>연도</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+19"/>
        <source>교육 기한이 지난 직원</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+32"/>
        <source>교육 기한이 지난 직원 {n}명</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{year}년 교육 {n}회, 이수 기록 {a}건 — 기한이 지난 직원 {late}명</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+26"/>
        <source>교육 회차를 고르면 이수자가 여기에 나옵니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>이수자 {n}명: {names}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>정정됨: {facts} — {at} {by}, 사유: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>이수 취소: {who} — {at} {by}, 사유: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+54"/>
        <source>{year}년 개인정보 보호 교육 실시 결과</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrainingSessionsModel</name>
    <message>
        <location line="-504"/>
        <source>번호</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>교육일</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>제목</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>구분</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>시간</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>강사</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>교재·자료</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>이수자</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>정정</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>정정 {n}회</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UnmaskDialog</name>
    <message>
        <location filename="../../privdesk/ui/registry/dialogs.py" line="-61"/>
        <source>본인 확인</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>진료비 청구</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>보험 청구</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>법령에 따른 제출</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+71"/>
        <source>마스킹 해제</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{name} (차트번호 {chart})의 주민등록번호·주소·연락처 전체를 표시합니다. 사유와 함께 접속기록에 남고, {seconds}초 뒤 다시 가려집니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>사유</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>표시</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VerifyDialog</name>
    <message>
        <location filename="../../privdesk/ui/requests/actions.py" line="-269"/>
        <source>본인 확인</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name} ({relation})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>요구인</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>신분 확인 서류</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>대리 서류</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>확인함</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>확인 안 함</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>선택 — 예: 주민등록증 사진과 얼굴 대조, 위임장 인감 확인</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>확인 내용</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VisitIntakeDialog</name>
    <message>
        <location filename="../../privdesk/ui/registry/dialogs.py" line="+34"/>
        <source>진료 접수 — {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>예: 외래 진료, 건강검진, 입원</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>접수일</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>진료과</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>목적</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>접수</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WithdrawDialog</name>
    <message>
        <location filename="../../privdesk/ui/requests/actions.py" line="+271"/>
        <source>취하</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>예: 요구인이 전화로 요구를 철회함</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>취하 사유 (필수)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>취하 사유를 입력하십시오.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WorkRow</name>
    <message>
        <location filename="../../privdesk/ui/today.py" line="-121"/>
        <source>열기</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
