"""obligations/tagger.py gives exactly what underthesea.pos_tag gives, faster."""

from __future__ import annotations

import pytest
from underthesea import pos_tag, word_tokenize
from underthesea.pipeline.pos_tag.model_crf import CRFPOSTagPredictor
from underthesea.pipeline.pos_tag.tagged_feature import word2features

from vanban_nlp.obligations import tagger
from vanban_nlp.obligations.action import action_phrase, is_instruction

# openings of instructions as our letters write them, and text that tests the edges of the
# features: capitals inside words, numbers, codes, punctuation, double spaces, foreign letters
OPENINGS = [
    "Tăng cường công tác kiểm tra, giám sát việc thực hiện",
    "Chủ động phối hợp với Sở Tài chính rà soát",
    "Khẩn trương hoàn thiện hồ sơ đề nghị",
    "Không được tự ý thay đổi mục đích sử dụng",
    "Báo cáo kết quả về Sở Nội vụ trước ngày 15/7/2025",
    "Các doanh nghiệp có rủi ro cao về thuế",
    "Quyết định này có hiệu lực kể từ ngày ký",
    "Tổ chức quán triệt nội dung Chỉ thị số 05/CT-TTg",
    "UBND các huyện, thị xã, thành phố",
    "Đ/c Nguyễn Văn An, Phó Giám đốc Sở",
    "Hồ sơ gồm:  bản sao Giấy chứng nhận đăng ký",
    "Thực hiện Công văn số 1234/BTC-TCT ngày 05/3/2024",
    "Mức phạt từ 1.000.000 đồng đến 2.500.000 đồng",
    "TP.HCM, Hà Nội và các tỉnh Đồng bằng sông Cửu Long",
    "(1) Giao Văn phòng Sở theo dõi, đôn đốc",
    "“Nghiêm cấm” sử dụng xe công vào việc riêng…",
    "v.v... và các nội dung khác",
    "Ông Σ và ß İstanbul ǅ Ⅻ",
    "COVID-19: xét nghiệm 100% trường hợp",
    "a",
    "",
    "   ",
]


@pytest.mark.parametrize("text", OPENINGS)
def test_tag_is_underthesea_pos_tag(text: str) -> None:
    assert list(tagger.tag(text)) == list(pos_tag(text))


@pytest.mark.parametrize("text", [t for t in OPENINGS if t.strip()])
def test_features_are_underthesea_features(text: str) -> None:
    predictor = CRFPOSTagPredictor.Instance()
    assert tuple(predictor.transformer.template) == tagger.TEMPLATES  # the model's own templates
    words = word_tokenize(text)
    rows = [(w, "X") for w in words]
    expected = [word2features(rows, i, predictor.transformer.template) for i in range(len(rows))]
    assert tagger.features(words) == expected


def test_answers_are_cached_and_immutable() -> None:
    tagger.tag.cache_clear()
    first = tagger.tag("Rà soát, phân công nhiệm vụ")
    again = tagger.tag("Rà soát, phân công nhiệm vụ")
    assert first is again and tagger.tag.cache_info().hits == 1
    assert isinstance(first, tuple) and all(isinstance(pair, tuple) for pair in first)


def test_action_and_instruction_through_the_tagger() -> None:
    # no verb of our lexicon opens these: the tagger decides
    assert is_instruction("Siết chặt kỷ luật, kỷ cương hành chính")
    assert not is_instruction("Tình hình dịch bệnh trên địa bàn tỉnh")
    assert action_phrase("Siết chặt kỷ luật, kỷ cương hành chính trong cơ quan") == (
        "Siết chặt kỷ luật, kỷ cương hành chính trong cơ quan"
    )
